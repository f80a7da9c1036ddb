import { describe, expect, it } from "vitest";
import { escapeHtml, html, SafeHtml } from "./escape-html";

describe("escapeHtml", () => {
  it("escapes the five characters that can end text or a quoted attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("leaves everything else alone, including non-ASCII text", () => {
    expect(escapeHtml("Åsa Öberg – 100 % välkommen! 😀")).toBe("Åsa Öberg – 100 % välkommen! 😀");
    expect(escapeHtml("")).toBe("");
  });

  it("escapes an ampersand that already looks like an entity, so text shows as typed", () => {
    expect(escapeHtml("&amp; &#39;")).toBe("&amp;amp; &amp;#39;");
  });
});

describe("the html template tag", () => {
  it("escapes every interpolated string and number", () => {
    const name = `<script>alert("x")</script>`;
    expect(html`<p title="${name}">${name} ${42}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 42</p>',
    );
  });

  it("nests markup it made itself without escaping it twice, and joins lists", () => {
    const items = ["a<b", "c&d"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe("<ul><li>a&lt;b</li><li>c&amp;d</li></ul>");
  });

  it("treats a string that merely contains markup as text", () => {
    const looksSafe = new SafeHtml("<b>made by html only</b>").value;
    expect(html`${looksSafe}`.value).toBe("&lt;b&gt;made by html only&lt;/b&gt;");
  });
});
