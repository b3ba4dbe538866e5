import assert from "node:assert/strict";
import { RE2JS } from "re2js";
import { apiRoutes } from "../../web/routes/api.ts";

/** The API's answer to `path`, asked in-process. */
function ask(path: string, init?: RequestInit): Response {
  return apiRoutes()(new Request(`http://localhost${path}`, init));
}

Deno.test("GET /v1/rules answers every rule format for the prefix's key shape", async () => {
  const response = ask("/v1/rules?prefix=acme_live&format=hex&bits=128");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(response.headers.get("content-type"), "application/json");
  const doc = await response.json();
  assert.equal(doc.id, "keymint-acme-live");
  assert.match(doc.example, /^acme_live_[0-9a-f]{32}[0-9A-Za-z]{6}$/);
  assert.ok(RE2JS.compile(doc.regex).matcher(doc.example).find());
  assert.match(doc.gitleaks, /^\[\[rules\]\]/);
  assert.match(doc.trufflehog, /^detectors:/);
  assert.equal(doc.github.testString, doc.example);
  assert.equal(
    doc.secretlint.rules[0].id,
    "@secretlint/secretlint-rule-pattern",
  );
  assert.deepEqual(doc.shape, {
    prefix: "acme_live",
    format: "hex",
    length: 32,
    checksum: true,
  });
});

Deno.test("GET /v1/rules refuses bad input with 400 and a JSON error", async () => {
  const cases: [string, RegExp][] = [
    ["/v1/rules", /prefix parameter is missing/],
    ["/v1/rules?prefix=", /prefix parameter is missing/],
    ["/v1/rules?prefix=Bad", /Cannot use prefix/],
    ["/v1/rules?prefix=a&count=5", /unknown parameter "count"/],
    ["/v1/rules?prefix=a&prefix=b", /more than once/],
    ["/v1/rules?prefix=a&bits=99999", /bits must be from 8 to 8192/],
    ["/v1/rules?prefix=a&format=base64url", /Cannot use a prefix with format/],
  ];
  for (const [url, message] of cases) {
    const response = ask(url);
    assert.equal(response.status, 400, url);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.match((await response.json()).error, message);
  }
  const post = ask("/v1/rules?prefix=a", { method: "POST" });
  assert.equal(post.status, 405);
  await post.body?.cancel();
});
