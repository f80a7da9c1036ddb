/** Roles from least to most trusted; a place names the least role that may use it. */
export const ROLES = ["member", "curator", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const mayUse = (role: string, least: Role) =>
  ROLES.indexOf(role as Role) >= ROLES.indexOf(least);

/**
 * The admin site's places, in navigation order, with the least role the API lets use them:
 * curators manage content, suggestions and feeds in their topics; admins run the rest;
 * the audit log is the owners'.
 */
export const PLACES = [
  { to: "/admin", name: "dashboard", least: "admin" },
  { to: "/admin/content", name: "content", least: "curator" },
  { to: "/admin/suggestions", name: "suggestions", least: "curator" },
  { to: "/admin/feeds", name: "feeds", least: "curator" },
  { to: "/admin/campaigns", name: "campaigns", least: "admin" },
  { to: "/admin/members", name: "members", least: "admin" },
  { to: "/admin/guidelines", name: "guidelines", least: "admin" },
  { to: "/admin/reports", name: "reports", least: "admin" },
  { to: "/admin/mail", name: "mail", least: "admin" },
  { to: "/admin/audit", name: "audit", least: "owner" },
  { to: "/admin/settings", name: "settings", least: "admin" },
] as const satisfies readonly { to: string; name: string; least: Role }[];

export type Place = (typeof PLACES)[number];

/** The place a path belongs to (the longest matching prefix). */
export function placeOf(pathname: string): Place | undefined {
  const path = pathname.replace(/\/+$/, "") || "/";
  return [...PLACES]
    .sort((a, b) => b.to.length - a.to.length)
    .find((place) => path === place.to || path.startsWith(`${place.to}/`));
}

/** Where a person lands on /admin: the first place their role may use. */
export const firstPlaceFor = (role: string) => PLACES.find((place) => mayUse(role, place.least));
