import { Mail, type MailKind, type Message } from "../mail";
import type { Member } from "../member";
import { Org } from "../org";
import type { Locale } from "../schema";
import { type AdminReportFigures, adminReportFigures } from "./admin-report-content";
import { type DigestSource, digestContent, digestSource } from "./digest-content";
import { unsubscribeToken } from "./unsubscribe-token";

/** A weekly e-mail ready to send: the message and its List-Unsubscribe headers. */
export interface Composed extends Message {
  headers: { name: string; value: string }[];
}

/**
 * What composing needs for one organisation and week, read once for a batch: the digest's
 * sources per frequency are made the first time a member of that frequency needs one.
 */
export class WeekComposer {
  private readonly sources = new Map<number, Promise<DigestSource>>();
  /** The admin report's numbers, read once for all the week's admins. */
  private figures?: Promise<AdminReportFigures>;

  constructor(
    readonly org: Org.Info,
    readonly week: string,
  ) {}

  static async of(orgId: string, week: string): Promise<WeekComposer> {
    return new WeekComposer(await Org.get(orgId), week);
  }

  private get origin() {
    return Org.publicOriginOf(this.org);
  }

  private sourceFor(everyWeeks: number): Promise<DigestSource> {
    let source = this.sources.get(everyWeeks);
    if (!source) {
      source = digestSource(this.org, this.week, everyWeeks);
      this.sources.set(everyWeeks, source);
    }
    return source;
  }

  /**
   * The member's e-mail of this kind (in `locale`, by default theirs), or undefined for a
   * digest with nothing new to show (unless `evenIfEmpty`: a preview shows it anyway).
   */
  async compose(
    member: Member.Info,
    kind: MailKind,
    options: { locale?: Locale; evenIfEmpty?: boolean } = {},
  ): Promise<Composed | undefined> {
    const locale = options.locale ?? member.locale;
    const token = await unsubscribeToken({
      orgId: this.org.orgId,
      memberId: member.memberId,
      kind,
    });
    const link = (path: string, query: Record<string, string> = {}) =>
      Mail.buildLink(this.origin, path, query);
    const links = { unsubscribe: link("/unsubscribe", { token }), preferences: link("/me") };
    const headers = [
      { name: "List-Unsubscribe", value: `<${link("/api/unsubscribe/one-click", { token })}>` },
      { name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click" },
    ];
    if (kind === "admin-report") {
      this.figures ??= adminReportFigures(member, this.week);
      const frame = { locale, orgName: this.org.name, dashboard: link("/admin"), links };
      return { ...(await Mail.adminReportMessage({ ...(await this.figures), ...frame })), headers };
    }
    const content = await digestContent(
      await this.sourceFor(member.mail.digestEveryWeeks),
      { ...member, locale },
      { hub: link("/"), shareLink: (contentId) => link("/", { share: contentId }), links },
      options,
    );
    return content && { ...(await Mail.digestMessage(content)), headers };
  }
}
