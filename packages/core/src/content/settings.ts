import { Org, type Info as Organisation } from "../org";

/** The content settings of an organisation, from its settings (defaults filled by the schema). */
export interface ContentSettings {
  /** A curator's publish waits for an admin's approval. */
  curatorsNeedApproval: boolean;
}

export function contentSettings(org: Pick<Organisation, "settings">): ContentSettings {
  return { curatorsNeedApproval: org.settings.curatorsNeedApproval };
}

export async function loadContentSettings(orgId: string): Promise<ContentSettings> {
  return contentSettings(await Org.get(orgId));
}
