import { queryOptions } from "@tanstack/react-query";
import { api, call } from "../../api";
import type { paths } from "../../api/api-types";

export type MemberRow =
  paths["/api/admin/members"]["get"]["responses"][200]["content"]["application/json"]["members"][number];
export type MemberFilter = NonNullable<paths["/api/admin/members"]["get"]["parameters"]["query"]>;
export const MEMBERS_KEY = ["admin", "members"];

export const MemberQueries = {
  list: (filter: MemberFilter) =>
    queryOptions({
      queryKey: [...MEMBERS_KEY, "list", filter],
      queryFn: () => call(api.GET("/api/admin/members", { params: { query: filter } })),
    }),
  counts: () =>
    queryOptions({
      queryKey: [...MEMBERS_KEY, "counts"],
      queryFn: () => call(api.GET("/api/admin/member-counts")),
    }),
};

/** How a member is named in the admin site: their name, else their address. */
export const nameOf = (member: Pick<MemberRow, "displayName" | "email">) =>
  member.displayName || member.email;
