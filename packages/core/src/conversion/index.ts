export * from "./conversion.schema";
export * from "./csv-import";
export * as Conversion from "./index";
export { importRow, pixel, report } from "./record";
