import type { paths } from "../../api/api-types";

type Json<Path extends keyof paths> = paths[Path] extends {
  get: { responses: { 200: { content: { "application/json": infer Body } } } };
}
  ? Body
  : never;

export type Overview = Json<"/api/admin/reports/overview">;
export type Series = Json<"/api/admin/reports/series">;
export type SeriesPoint = Series["points"][number];
export type ValueSettings = Json<"/api/admin/value-settings">;
