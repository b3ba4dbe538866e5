import assert from "node:assert/strict";
import fc from "fast-check";
import { checksumOf, parseStructuredKey, PRESETS } from "@keymint/core";
import { CONTENT_SECURITY_POLICY, createApp } from "../../web/app.ts";
import { batchedLog } from "../../web/log.ts";
import { ensureBuild } from "../../web/build.ts";
import { isValidHost, loggablePath } from "../../web/target.ts";

const manifest = await ensureBuild();
const logLines: string[] = [];
const app = await createApp({ manifest, log: (line) => logLines.push(line) });

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'self'; " +
  "frame-ancestors 'none'";
const EXPECTED_API_CSP = "default-src 'none'; frame-ancestors 'none'";

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(app.request(path, { headers }));
}

async function keysText(query: string): Promise<string[]> {
  const response = await get(`/api/v1/keys${query}`);
  assert.equal(response.status, 200, await response.clone().text());
  const text = await response.text();
  assert.ok(text.endsWith("\n"), "plain text ends with a newline");
  return text.slice(0, -1).split("\n");
}

function dataBlock(html: string): Record<string, unknown> {
  const match = html.match(
    /<script type="application\/json" data-island="Generator" data-src="([^"]+)">(.*?)<\/script>/s,
  );
  assert.ok(match, "the page has the Generator data block");
  return JSON.parse(match[2]!) as Record<string, unknown>;
}

Deno.test("the CSP constant renders to the policy docs/ARCHITECTURE.md states", async () => {
  assert.ok(CONTENT_SECURITY_POLICY.scriptSrc.includes("'self'"));
  const response = await get("/");
  await response.body?.cancel();
  assert.equal(response.headers.get("content-security-policy"), EXPECTED_CSP);
});

function assertCommonHeaders(h: Headers): void {
  assert.equal(h.get("referrer-policy"), "no-referrer");
  assert.equal(h.get("x-content-type-options"), "nosniff");
  assert.match(
    h.get("permissions-policy") ?? "",
    /(^|, )clipboard-write=\(self\)(,|$)/,
  );
  assert.match(h.get("permissions-policy") ?? "", /camera=\(\)/);
  assert.equal(h.get("x-powered-by"), null);
}

for (
  const path of [
    "/",
    "/presets/laravel",
    "/healthz",
    "/nope",
    "/robots.txt",
    "/favicon.svg",
  ]
) {
  Deno.test(`GET ${path} carries every security header of a page`, async () => {
    const response = await get(path);
    await response.body?.cancel();
    const h = response.headers;
    assert.equal(h.get("content-security-policy"), EXPECTED_CSP);
    assertCommonHeaders(h);
    assert.equal(h.get("x-frame-options"), "DENY");
    assert.equal(h.get("cross-origin-opener-policy"), "same-origin");
    assert.match(h.get("strict-transport-security") ?? "", /^max-age=\d+/);
  });
}

for (
  const path of [
    "/api/v1/keys",
    "/api/v1/keys?bits=7",
    "/api/v1/presets",
    "/api/nope",
  ]
) {
  Deno.test(`GET ${path} carries the API's security headers`, async () => {
    const response = await get(path);
    await response.body?.cancel();
    const h = response.headers;
    assert.equal(h.get("content-security-policy"), EXPECTED_API_CSP);
    assert.equal(h.get("x-content-type-options"), "nosniff");
    assert.equal(h.get("cache-control"), "no-store");
    assert.match(
      h.get("content-type") ?? "",
      /^(text\/plain|application\/json)/,
    );
    assert.equal(h.get("x-powered-by"), null);
    // Headers that govern what a document does (the links it follows, the
    // features its scripts use, who may frame or open it) stay off answers
    // that are never documents: with default-src 'none' they run nothing.
    for (
      const name of [
        "referrer-policy",
        "permissions-policy",
        "x-frame-options",
        "cross-origin-opener-policy",
        "strict-transport-security",
      ]
    ) assert.equal(h.get(name), null, name);
  });
}

Deno.test("GET / renders the generator with the labels docs/ARCHITECTURE.md names", async () => {
  const response = await get("/");
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
  assert.equal(response.headers.get("cache-control"), "no-cache");
  const html = await response.text();
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  for (
    const label of ["Format", "Entropy (bits)", "Count", "Prefix", "Preset"]
  ) {
    assert.ok(html.includes(`>${label}</label>`), `label ${label}`);
  }
  assert.match(
    html,
    /<button type="submit" class="primary" id="gen-generate">Generate<\/button>/,
  );
  assert.match(
    html,
    /<title>keymint: secure API key, secret and token generator<\/title>/,
  );
  assert.match(html, /<meta name="description" content="[^"]{50,}"/);
  assert.match(html, /<html lang="en">/);
});

Deno.test("GET / has no inline script, inline style or third-party URL", async () => {
  const html = await (await get("/")).text();
  for (const tag of html.matchAll(/<script\b([^>]*)>/g)) {
    const attributes = tag[1]!;
    assert.ok(
      /\bsrc="\/build\/[^"]+\.js"/.test(attributes) ||
        /type="application\/json"/.test(attributes),
      `script tag ${attributes} is a file or a data block`,
    );
  }
  assert.doesNotMatch(html, /<style\b/);
  assert.doesNotMatch(html, /\sstyle="/);
  assert.doesNotMatch(html, /\son[a-z]+="/, "no inline event handlers");
  for (const ref of html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
    const url = ref[1]!;
    if (url.startsWith("/") || url.startsWith("#")) continue;
    assert.ok(
      ref[0].includes("href") && /^https:\/\//.test(url),
      `only outbound links leave the origin, got ${url}`,
    );
  }
});

Deno.test("GET / links the hashed boot module, stylesheet and island preloads", async () => {
  const html = await (await get("/")).text();
  assert.ok(html.includes(`<script type="module" src="${manifest.boot}">`));
  assert.ok(
    html.includes(`<link rel="stylesheet" href="${manifest.styles}"/>`),
  );
  const island = manifest.islands["Generator"]!;
  assert.ok(html.includes(`<link rel="modulepreload" href="${island.src}"/>`));
  assert.match(manifest.boot, /^\/build\/boot-[A-Z0-9]{8}\.js$/);
  assert.match(island.src, /^\/build\/Generator-[A-Z0-9]{8}\.js$/);
});

Deno.test("GET / sends the generator's props, never a key, in the data block", async () => {
  const html = await (await get("/?format=base58&bits=128&count=3")).text();
  const props = dataBlock(html);
  const options = props["options"] as Record<string, unknown>;
  assert.equal(options["format"], "base58");
  assert.equal(options["bits"], "128");
  assert.equal(options["count"], "3");
  assert.equal(props["origin"], "http://localhost");
  // The server renders three empty slots of the right width, no keys.
  assert.equal(
    html.match(
      /<code class="key key-pending" aria-hidden="true">0{22}<\/code>/g,
    )?.length,
    3,
  );
  assert.doesNotMatch(html, /data-key/);
});

Deno.test("GET /?prefix=</script> keeps the data block closed", async () => {
  const html = await (await get("/?prefix=%3C%2Fscript%3E%3Cb%3E")).text();
  const props = dataBlock(html);
  assert.equal(
    (props["options"] as Record<string, unknown>)["prefix"],
    "</script><b>",
  );
  assert.doesNotMatch(html, /<\/script><b>/);
});

for (const preset of PRESETS) {
  Deno.test(`GET /presets/${preset.name} selects that preset and has its own title`, async () => {
    const response = await get(`/presets/${preset.name}`);
    assert.equal(response.status, 200);
    const html = await response.text();
    const options = dataBlock(html)["options"] as Record<string, unknown>;
    assert.equal(options["preset"], preset.name);
    assert.ok(
      html.includes(`<option selected value="${preset.name}">`),
      "the option is selected",
    );
    const title = html.match(/<title>(.*?)<\/title>/)?.[1] ?? "";
    assert.ok(
      title.includes(preset.env),
      `title "${title}" names ${preset.env}`,
    );
  });
}

Deno.test("GET /presets/nope answers the 404 page", async () => {
  const response = await get("/presets/nope");
  assert.equal(response.status, 404);
  const html = await response.text();
  assert.match(html, /<h1>Page not found<\/h1>/);
  assert.doesNotMatch(html, /data-island/);
});

Deno.test("GET of an unknown path answers the 404 page with the stylesheet", async () => {
  const response = await get("/wp-login.php");
  assert.equal(response.status, 404);
  const html = await response.text();
  assert.ok(html.includes(manifest.styles));
});

Deno.test("GET /healthz answers ok, not cached", async () => {
  const response = await get("/healthz");
  assert.equal(response.status, 200);
  assert.equal(await response.text(), "ok\n");
  assert.equal(response.headers.get("cache-control"), "no-store");
});

Deno.test("hashed build files are cached immutably and gzipped on request", async () => {
  const island = manifest.islands["Generator"]!;
  for (
    const path of [
      manifest.boot,
      manifest.styles,
      island.src,
      ...island.imports,
    ]
  ) {
    const plain = await get(path);
    assert.equal(plain.status, 200, path);
    assert.equal(
      plain.headers.get("cache-control"),
      "public, max-age=31536000, immutable",
    );
    const body = new Uint8Array(await plain.arrayBuffer());
    assert.ok(body.length > 0);
    const zipped = await get(path, { "accept-encoding": "gzip, br" });
    assert.equal(zipped.headers.get("content-encoding"), "gzip");
    const unzipped = new Uint8Array(
      await new Response(
        zipped.body!.pipeThrough(new DecompressionStream("gzip")),
      ).arrayBuffer(),
    );
    assert.deepEqual(unzipped, body);
  }
  const js = await get(manifest.boot);
  await js.body?.cancel();
  assert.equal(
    js.headers.get("content-type"),
    "text/javascript; charset=utf-8",
  );
});

Deno.test("GET /favicon.svg and /robots.txt are served", async () => {
  const icon = await get("/favicon.svg");
  assert.equal(icon.headers.get("content-type"), "image/svg+xml");
  assert.match(await icon.text(), /^<svg /);
  const robots = await get("/robots.txt");
  assert.match(await robots.text(), /^User-agent: \*/m);
});

// ---- API ----

const SHAPES: [string, RegExp][] = [
  ["", /^[0-9a-f]{64}$/],
  ["?format=hex", /^[0-9a-f]{64}$/],
  ["?format=base64", /^[A-Za-z0-9+/]{43}=$/],
  ["?format=base64url", /^[A-Za-z0-9_-]{43}$/],
  ["?format=base32", /^[A-Z2-7]{52}$/],
  ["?format=crockford", /^[0-9a-hjkmnp-tv-z]{52}$/],
  ["?format=base58", /^[1-9A-HJ-NP-Za-km-z]{44}$/],
  ["?format=alnum", /^[0-9A-Za-z]{43}$/],
  ["?format=base62", /^[0-9A-Za-z]{43}$/],
  ["?format=digits", /^[0-9]{78}$/],
  ["?format=custom&alphabet=ab", /^[ab]{256}$/],
  ["?alphabet=xyz", /^[xyz]{162}$/],
  ["?format=hex&bits=128", /^[0-9a-f]{32}$/],
  ["?format=base64url&length=20", /^[A-Za-z0-9_-]{20}$/],
  ["?preset=laravel", /^base64:[A-Za-z0-9+/]{43}=$/],
  ["?preset=rails", /^[0-9a-f]{128}$/],
];

for (const [query, shape] of SHAPES) {
  Deno.test(`GET /api/v1/keys${query} answers one key shaped ${shape}`, async () => {
    const lines = await keysText(query);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, shape);
  });
}

Deno.test("GET /api/v1/keys?count=5 answers five different keys, not cached", async () => {
  const response = await get("/api/v1/keys?count=5&format=base58");
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain/);
  const lines = (await response.text()).trimEnd().split("\n");
  assert.equal(lines.length, 5);
  assert.equal(new Set(lines).size, 5);
});

Deno.test("GET /api/v1/keys?count=1000 answers a thousand keys", async () => {
  assert.equal((await keysText("?count=1000")).length, 1000);
});

Deno.test("GET /api/v1/keys?prefix=sk_live answers keys with a valid checksum", async () => {
  for (const key of await keysText("?prefix=sk_live&count=20")) {
    const parts = parseStructuredKey(key);
    assert.equal(parts?.prefix, "sk_live");
    assert.equal(parts?.valid, true);
    assert.equal(parts?.checksum, checksumOf(parts!.body));
  }
});

Deno.test("GET /api/v1/keys?prefix=ghp&length=30 has the shape of a GitHub token", async () => {
  const [key] = await keysText("?prefix=ghp&length=30");
  assert.match(key!, /^ghp_[0-9A-Za-z]{36}$/);
  assert.equal(parseStructuredKey(key!)?.valid, true);
});

Deno.test("GET /api/v1/keys?prefix=ak&checksum=false answers keys without a checksum", async () => {
  const [key] = await keysText("?prefix=ak&checksum=false&bits=128");
  assert.match(key!, /^ak_[0-9A-Za-z]{22}$/);
});

Deno.test("GET /api/v1/keys with Accept: application/json answers the CLI's JSON", async () => {
  const response = await get("/api/v1/keys?prefix=sk_test&count=2", {
    accept: "application/json",
  });
  assert.equal(response.status, 200);
  assert.match(
    response.headers.get("content-type") ?? "",
    /^application\/json/,
  );
  assert.equal(response.headers.get("cache-control"), "no-store");
  const keys = await response.json() as Record<string, unknown>[];
  assert.equal(keys.length, 2);
  for (const key of keys) {
    assert.match(String(key["value"]), /^sk_test_[0-9A-Za-z]{49}$/);
    assert.equal(key["format"], "alnum");
    assert.equal(key["length"], String(key["value"]).length);
    assert.ok(Number(key["bits"]) >= 256);
    assert.equal(key["prefix"], "sk_test");
    assert.equal(key["checksum"], true);
  }
});

Deno.test("GET /api/v1/keys?bits=64 warns in JSON and in a header", async () => {
  const json =
    await (await get("/api/v1/keys?bits=64", { accept: "application/json" }))
      .json();
  assert.equal(json[0].warnings.length, 1);
  assert.match(json[0].warnings[0], /128 bits/);
  const text = await get("/api/v1/keys?bits=64");
  await text.body?.cancel();
  assert.match(text.headers.get("x-keymint-warning") ?? "", /128 bits/);
});

const BAD_QUERIES: [string, RegExp][] = [
  ["?format=nope", /^Cannot use format "nope"/],
  ["?format=hexx", /unknown format, did you mean "hex"\?/],
  ["?preset=larvel", /unknown preset, did you mean "laravel"\?/],
  ["?bits=7", /bits must be from 8 to 8192/],
  ["?bits=abc", /bits must be a whole number/],
  ["?length=0", /length/],
  ["?count=0", /count/],
  ["?count=1001", /count/],
  ["?count=1e3", /count/],
  ["?bits=128&length=20", /^Cannot/],
  ["?preset=laravel&format=hex", /preset/],
  ["?preset=nope", /preset/],
  ["?prefix=Bad", /prefix/],
  ["?prefix=a-b", /prefix/],
  ["?alphabet=aa", /alphabet/],
  ["?format=custom", /alphabet/],
  ["?checksum=maybe&prefix=ak", /checksum/],
  ["?foo=1", /^Cannot read query: unknown parameter "foo"/],
  [
    "?bits=128&bits=256",
    /^Cannot read query: parameter "bits" is given more than once$/,
  ],
  ["?json=1", /unknown parameter "json"/],
];

for (const [query, message] of BAD_QUERIES) {
  Deno.test(`GET /api/v1/keys${query} answers 400 JSON`, async () => {
    const response = await get(`/api/v1/keys${query}`);
    assert.equal(response.status, 400);
    assert.match(
      response.headers.get("content-type") ?? "",
      /^application\/json/,
    );
    assert.equal(response.headers.get("cache-control"), "no-store");
    const body = await response.json() as { error: string };
    assert.deepEqual(Object.keys(body), ["error"]);
    assert.match(body.error, message);
  });
}

for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
  for (const path of ["/api/v1/keys", "/api/v1/presets"]) {
    Deno.test(`${method} ${path} answers 405 with Allow: GET, HEAD`, async () => {
      const response = await app.request(path, { method });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get("allow"), "GET, HEAD");
      assert.equal(response.headers.get("cache-control"), "no-store");
      assert.match((await response.json()).error, /^Cannot answer/);
    });
  }
}

Deno.test("HEAD /api/v1/keys answers 200 without a body", async () => {
  const response = await app.request("/api/v1/keys", { method: "HEAD" });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(await response.text(), "");
});

Deno.test("GET /api/v1/presets answers the preset table as JSON", async () => {
  const response = await get("/api/v1/presets");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-store");
  const presets = await response.json() as { name: string; env: string }[];
  assert.deepEqual(presets.map((p) => p.name), PRESETS.map((p) => p.name));
  assert.equal(presets.find((p) => p.name === "laravel")?.env, "APP_KEY");
});

Deno.test("GET /api/v2/keys answers a 404 in JSON, not cached", async () => {
  const response = await get("/api/v2/keys");
  assert.equal(response.status, 404);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.match((await response.json()).error, /^Cannot find/);
});

Deno.test("request logs carry method, path and status, never the query or a key", async () => {
  logLines.length = 0;
  const response = await get("/api/v1/keys?prefix=sk_live&count=2");
  const keys = (await response.text()).trimEnd().split("\n");
  await (await get("/api/v1/keys?bits=7")).body?.cancel();
  assert.deepEqual(logLines, ["GET /api/v1/keys 200", "GET /api/v1/keys 400"]);
  for (const key of keys) assert.ok(!logLines.join("\n").includes(key));
});

Deno.test("GET /api/v1/keys never answers 500, whatever the query", async () => {
  const names = [
    "format",
    "bits",
    "length",
    "count",
    "alphabet",
    "prefix",
    "checksum",
    "preset",
    "x",
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.tuple(fc.constantFrom(...names), fc.string({ maxLength: 12 })),
        { maxLength: 4 },
      ),
      async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const response = await get(`/api/v1/keys?${query}`);
        await response.body?.cancel();
        assert.ok(
          response.status === 200 || response.status === 400,
          `?${query} answered ${response.status}`,
        );
        assert.equal(response.headers.get("cache-control"), "no-store");
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("batchedLog() writes the lines of one interval together, in order", async () => {
  const writes: string[] = [];
  const log = batchedLog((text) => writes.push(text), 20);
  log("GET / 200");
  log("GET /api/v1/keys 400");
  assert.deepEqual(writes, [], "nothing is written at once");
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(writes, ["GET / 200\nGET /api/v1/keys 400"]);
  log("GET /healthz 200");
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(writes.slice(1), ["GET /healthz 200"]);
});

Deno.test("the page's curl examples name the configured public origin", async () => {
  const warnings: string[] = [];
  const originalError = console.error;
  console.error = (line: string) => warnings.push(line);
  try {
    const configured = await createApp({
      manifest,
      log: () => {},
      env: (name) =>
        name === "KEYMINT_PUBLIC_ORIGIN" ? "https://keys.example/" : undefined,
    });
    const html = await (await configured.request("/")).text();
    assert.ok(html.includes("curl https://keys.example/api/v1/keys"));
    assert.equal(dataBlock(html)["origin"], "https://keys.example");
    assert.deepEqual(warnings, []);

    // Not an origin: a warning line, and the request's own origin instead.
    const bad = await createApp({
      manifest,
      log: () => {},
      env: (name) =>
        name === "KEYMINT_PUBLIC_ORIGIN" ? "https://keys.example/x" : undefined,
    });
    const fallback = await (await bad.request("http://127.0.0.1:9/")).text();
    assert.ok(fallback.includes("curl http://127.0.0.1:9/api/v1/keys"));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^keymint: ignoring KEYMINT_PUBLIC_ORIGIN/);
  } finally {
    console.error = originalError;
  }
});

Deno.test("isValidHost takes host[:port] and nothing else", () => {
  for (
    const host of [
      "localhost",
      "localhost:8000",
      "127.0.0.1",
      "127.0.0.1:65535",
      "[::1]",
      "[2001:db8::1]:443",
      "keys.example.",
      "my_service:80",
      "xn--bcher-kva.example",
    ]
  ) assert.equal(isValidHost(host), true, host);
  for (
    const host of [
      "",
      "a b",
      "127.0.0.1:99999",
      "127.0.0.1:",
      "x/y",
      "x?y",
      "x#y",
      "u@x",
      "x\\y",
      "[::1",
      "::1",
      "1.2.3.999",
      "-x",
      "x..y",
      "x:80:80",
      "a".repeat(64),
      "a.".repeat(200),
      "x\u0000",
      "bücher.example",
    ]
  ) assert.equal(isValidHost(host), false, JSON.stringify(host));
});

Deno.test("loggablePath escapes every character outside printable ASCII and cuts long paths", () => {
  assert.equal(loggablePath("/x%0aGET"), "/x%0aGET");
  assert.equal(loggablePath("/a\nb\rc\u001b[d e"), "/a%0ab%0dc%1b[d%20e");
  assert.equal(loggablePath("/é\u2028"), "/%e9%u{2028}");
  assert.equal(
    loggablePath("/" + "a".repeat(200)),
    "/" + "a".repeat(79) + "...",
  );
  for (let code = 0; code < 0x800; code++) {
    const shown = loggablePath(`/${String.fromCharCode(code)}`);
    assert.match(shown, /^[\x21-\x7e]+$/, `U+${code.toString(16)}`);
  }
});

Deno.test("an internal error is logged as one line, without its message or a stack", async () => {
  const errors: string[] = [];
  const originalError = console.error;
  console.error = (line: string) => errors.push(line);
  const lines: string[] = [];
  try {
    const broken = await createApp({ manifest, log: (l) => lines.push(l) });
    broken.get("/boom", () => {
      throw new Error("secret ghp_0123456789abcdef\n    at fake (x:1:1)");
    });
    const response = await broken.request("/boom");
    assert.equal(response.status, 500);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^keymint: internal error: Error at [^\n]*$/);
    assert.ok(!errors[0]!.includes("secret"), "no message");
    assert.ok(!errors[0]!.includes("fake"), "no line of the message");
  } finally {
    console.error = originalError;
  }
});
