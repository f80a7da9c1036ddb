import { Auth, Session } from "@sprida/core/auth";
import { DomainError } from "@sprida/core/error";
import { Log } from "@sprida/core/log";
import { Member } from "@sprida/core/member";
import { Runtime } from "@sprida/core/runtime";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "../app";
import { type ClientAddressSource, clientKeyOf } from "../client-key";
import { ApiError, statusOf } from "../errors";
import { checkOrigin } from "../mount";
import { securityHeaders } from "../security-headers";
import { writeSessionCookie } from "../session-cookie";
import { PAGE_STYLE, page } from "./layout";
import { type PageLocale, pageLocale, TEXT } from "./text";

/** Every server-rendered page, for the route-table tests. */
export const PAGE_ROUTES = [
  { method: "get", path: "/sign-in" },
  { method: "post", path: "/sign-in" },
  { method: "post", path: "/sign-in/request" },
  { method: "post", path: "/sign-in/code" },
  { method: "get", path: "/join" },
  { method: "post", path: "/join" },
] as const;

/**
 * The pages e-mails link to. A link only ever opens a page; acting on it takes a button
 * (a POST), so mail scanners that follow links cannot use a sign-in or an invite up.
 * The sign-in and join buttons post no body (the token rides in the form's action URL):
 * behind CloudFront's origin access control a body would need a SHA-256 header that a
 * plain form cannot send. Joining needs the required guidelines checkbox ticked first.
 */
export function mountPages(app: Hono<AppEnv>, clientAddress: ClientAddressSource) {
  // The pages share one frame and its one stylesheet, and post forms to this origin only.
  const pageHeaders = securityHeaders({
    styles: [PAGE_STYLE],
    postsForms: true,
    scriptsFromSelf: true,
  });
  for (const path of PAGE_PATHS) app.use(path, pageHeaders);
  const clientKey = (c: Context) => clientKeyOf(clientAddress(c), Runtime.use().now());
  const form = async (c: Context) => {
    checkOrigin(c);
    return (await c.req.parseBody()) as Record<string, string | undefined>;
  };
  const signedIn = async (c: Context, { sessionToken, session }: Auth.SignedIn) => {
    writeSessionCookie(c, sessionToken, session);
    return c.redirect("/", 303);
  };

  app.get("/sign-in", (c) => {
    const locale = pageLocale(c);
    const t = TEXT[locale];
    const token = c.req.query("token");
    if (token) {
      return c.html(
        page(
          locale,
          t.signInTitle,
          html`<p class="note">${t.signInExplain}</p>
<form method="post" action="/sign-in?${new URLSearchParams({ token })}"><button type="submit">${t.signInButton}</button></form>`,
        ),
      );
    }
    return c.html(page(locale, t.signInTitle, requestForms(locale)));
  });

  app.post("/sign-in", async (c) => {
    const body = await form(c);
    const signedInWithLink = await Auth.signInWithLink({
      token: c.req.query("token") ?? body.token ?? "",
      clientKey: await clientKey(c),
    });
    return signedIn(c, signedInWithLink);
  });

  app.post("/sign-in/request", async (c) => {
    const locale = pageLocale(c);
    const body = await form(c);
    await Auth.requestSignIn({ email: body.email ?? "", clientKey: await clientKey(c) });
    return c.html(
      page(
        locale,
        TEXT[locale].signInTitle,
        html`<p role="status">${TEXT[locale].checkInbox}</p>${requestForms(locale)}`,
      ),
      202,
    );
  });

  app.post("/sign-in/code", async (c) => {
    const body = await form(c);
    const signedInWithCode = await Auth.signInWithCode({
      email: body.email ?? "",
      code: body.code ?? "",
      clientKey: await clientKey(c),
    });
    return signedIn(c, signedInWithCode);
  });

  app.get("/join", async (c) => {
    const invite = await Member.inviteByToken(c.req.query("token") ?? "");
    const locale = pageLocale(c, invite.locale);
    const t = TEXT[locale];
    return c.html(
      page(
        locale,
        t.joinTitle(invite.orgName),
        html`<p class="note">${t.joinExplain}</p>
<h2>${t.guidelines}</h2>
<div class="guidelines" tabindex="0">${invite.guidelines.text}</div>
<form method="post" action="/join?${new URLSearchParams({ token: c.req.query("token") ?? "", guidelinesVersion: String(invite.guidelines.version) })}">
<label><input type="checkbox" required> ${t.acceptGuidelines}</label>
<button type="submit">${t.joinButton}</button>
</form>`,
      ),
    );
  });

  app.post("/join", async (c) => {
    await form(c);
    const membership = await Member.acceptInvite({
      token: c.req.query("token") ?? "",
      guidelinesVersion: Number(c.req.query("guidelinesVersion")),
    });
    return signedIn(c, await Session.create({ ...membership, startedBy: "invitation" }));
  });
}

const PAGE_PATHS = new Set<string>(PAGE_ROUTES.map((route) => route.path));
export const isPagePath = (path: string) => PAGE_PATHS.has(path);

/** Pages answer errors as pages, in the visitor's language; the API answers JSON. */
export function pageErrorResponse(c: Context, error: unknown): Response | Promise<Response> {
  const known = error instanceof DomainError || error instanceof ApiError;
  const status = known ? statusOf(error) : 500;
  if (!known) {
    const correlationId = c.get("correlationId" as never) as string | undefined;
    Log.error("page failed", { correlationId, page: c.req.path, error });
  }
  const locale = pageLocale(c);
  const message = known ? error.message : "";
  const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (retryAfter) c.header("retry-after", String(retryAfter));
  return c.html(
    page(
      locale,
      TEXT[locale].failed,
      html`<p role="alert">${message}</p><p><a href="/sign-in">${TEXT[locale].tryAgain}</a></p>`,
    ),
    status,
  );
}

function requestForms(locale: PageLocale) {
  const t = TEXT[locale];
  return html`<form method="post" action="/sign-in/request">
<label for="email">${t.emailLabel}</label>
<input id="email" type="email" name="email" autocomplete="email" required>
<button type="submit">${t.sendLink}</button>
</form>
<p class="note">${t.orCode}</p>
<form method="post" action="/sign-in/code">
<label for="code-email">${t.emailLabel}</label>
<input id="code-email" type="email" name="email" autocomplete="email" required>
<label for="code">${t.codeLabel}</label>
<input id="code" type="text" name="code" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required>
<button type="submit">${t.useCode}</button>
</form>`;
}
