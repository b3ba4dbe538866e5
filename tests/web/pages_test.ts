/**
 * The HTML pages as HTTP answers: preset text in correct English, the
 * canonical link, the validator (ETag and 304) and 405 for other methods.
 */

import assert from "node:assert/strict";
import { PRESETS } from "@keymint/core";
import { createApp } from "../../web/app.ts";
import { pageDescription, pageHeading, pageTitle } from "../../web/site.ts";

const app = await createApp({ log: () => {} });

function tag(html: string, pattern: RegExp): string {
  return html.match(pattern)?.[1] ?? "";
}

Deno.test("preset headings, titles and descriptions read as English for every preset", () => {
  for (const preset of PRESETS) {
    const heading = pageHeading(preset);
    assert.match(heading, /generator$/, preset.name);
    assert.doesNotMatch(heading, /\b(\w+) \1\b/i, `${heading}: a word twice`);
    assert.ok(pageTitle(preset).startsWith(heading), preset.name);
    const description = pageDescription(preset);
    assert.doesNotMatch(description, /\b(\w+) \1\b/i, description);
    // "an" before a vowel sound, "a" before the others, acronyms spelled.
    const [, article, word] = description.match(/^Generate (an?) (\S+)/)!;
    const vowel = /^[AEIOU]/i.test(word!) && !/^(U[a-z]|JWT)/.test(word!);
    assert.equal(article, vowel ? "an" : "a", description);
  }
  const github = PRESETS.find((p) => p.name === "github-webhook")!;
  assert.equal(pageHeading(github), "GitHub webhook secret generator");
  const aes = PRESETS.find((p) => p.name === "aes-256")!;
  assert.match(pageDescription(aes), /^Generate an AES-256 key for/);
  const laravel = PRESETS.find((p) => p.name === "laravel")!;
  assert.equal(pageHeading(laravel), "Laravel secret generator");
});

Deno.test("a preset page's heading, title, description and canonical link follow the preset", async () => {
  for (const preset of PRESETS) {
    const html = await (await app.request(
      `https://keymint.example/presets/${preset.name}?count=2`,
    )).text();
    assert.equal(tag(html, /<h1>(.*?)<\/h1>/), pageHeading(preset));
    assert.equal(
      tag(html, /<title>(.*?)<\/title>/),
      pageTitle(preset).replaceAll("&", "&amp;"),
    );
    assert.equal(
      tag(html, /<meta name="description" content="([^"]*)"/),
      pageDescription(preset).replaceAll("&", "&amp;"),
    );
    assert.equal(
      tag(html, /<link rel="canonical" href="([^"]*)"/),
      `https://keymint.example/presets/${preset.name}`,
    );
  }
  const home = await (await app.request("https://keymint.example/?count=3"))
    .text();
  assert.equal(
    tag(home, /<link rel="canonical" href="([^"]*)"/),
    "https://keymint.example/",
  );
});

Deno.test("HTML pages carry an ETag and answer 304 when it matches", async () => {
  for (const path of ["/", "/presets/laravel", "/?format=base58"]) {
    const first = await app.request(path);
    const etag = first.headers.get("etag") ?? "";
    assert.match(etag, /^W\/"[0-9a-f]{32}"$/, path);
    assert.equal(first.headers.get("cache-control"), "no-cache");
    await first.body?.cancel();
    const again = await app.request(path, {
      headers: { "if-none-match": etag },
    });
    assert.equal(again.status, 304, path);
    assert.equal(await again.text(), "");
    assert.equal(again.headers.get("etag"), etag);
    // A stale validator gets the page.
    const other = await app.request(path, {
      headers: { "if-none-match": 'W/"0000"' },
    });
    assert.equal(other.status, 200);
    await other.body?.cancel();
  }
  // Different options are a different page.
  const a = (await app.request("/?count=2")).headers.get("etag");
  const b = (await app.request("/?count=3")).headers.get("etag");
  assert.notEqual(a, b);
});

Deno.test("pages answer 405 with Allow for methods other than GET and HEAD", async () => {
  for (const path of ["/", "/presets/laravel"]) {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const response = await app.request(path, { method });
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(response.headers.get("allow"), "GET, HEAD");
      assert.match(await response.text(), /^Method not allowed/);
    }
    const head = await app.request(path, { method: "HEAD" });
    assert.equal(head.status, 200);
  }
});

Deno.test("without JavaScript the notice comes first, with the commands for the options", async () => {
  const html = await (await app.request(
    "http://localhost/?prefix=sk_live&count=3",
  )).text();
  const card = html.slice(html.indexOf('<section class="card"'));
  assert.ok(
    card.startsWith(
      '<section class="card" aria-label="Key generator"><noscript>',
    ),
  );
  const notice = card.slice(0, card.indexOf("</noscript>"));
  assert.match(notice, /made in your browser/);
  assert.match(notice, /<code>keymint --prefix sk_live --count 3<\/code>/);
  assert.match(
    notice,
    /<code>curl &#39;http:\/\/localhost\/api\/v1\/keys\?prefix=sk_live&amp;count=3&#39;<\/code>|<code>curl 'http:\/\/localhost\/api\/v1\/keys\?prefix=sk_live&amp;count=3'<\/code>/,
  );
  assert.match(
    html,
    /<noscript><link rel="stylesheet" href="\/build\/noscript-[A-Z0-9]{8}\.css"\/><\/noscript>/,
  );
});
