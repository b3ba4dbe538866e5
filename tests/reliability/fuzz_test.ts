/**
 * Bad input, everywhere: fast-check throws random argv arrays at the CLI's
 * `run()`, random query strings at the HTTP API, and random, huge (10 MB)
 * and non-UTF-8 input at inspect, hash and verify, and checks that every
 * answer is a well-formed one.
 *
 * Runs are fixed in number and seeded: the seed is 20261128 unless
 * FUZZ_SEED says otherwise, and fast-check prints the seed and the failing
 * path with any counterexample, so a failure replays exactly. FUZZ_SCALE
 * multiplies the run counts for a longer search by hand.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import {
  FORMATS,
  hashKey,
  inspectKey,
  PRESETS,
  verifyKey,
} from "@keymint/core";
import { run } from "../../cli/run.ts";
import { createApp } from "../../web/app.ts";
import { captureIo } from "./_fake_io.ts";

/** An environment variable, or undefined when unset or not readable. */
function readEnv(name: string): string | undefined {
  const status = Deno.permissions.querySync({ name: "env", variable: name });
  return status.state === "granted" ? Deno.env.get(name) : undefined;
}

const SEED = Number(readEnv("FUZZ_SEED") ?? "20261128");
/** Multiplies every run count, for a longer search by hand (`FUZZ_SCALE=20`). */
const SCALE = Number(readEnv("FUZZ_SCALE") ?? "1");

function settings(numRuns: number): fc.Parameters<unknown> {
  return {
    seed: SEED,
    numRuns: Math.round(numRuns * SCALE),
    endOnFailure: true,
  };
}

const encoder = new TextEncoder();
const TEN_MB = 10 * 1024 * 1024;

/** sha-256 hex computed here, independently of core's hashKey. */
async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Only these error classes mean "bad input"; anything else is a bug. */
function isInputError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError ||
    error instanceof SyntaxError;
}

/** A usage error is exactly `keymint: <what>` and `hint: <what to do>`, printable. */
const USAGE_ERROR = /^keymint: [^\n]+\nhint: [^\n]+\n$/;
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f]/;

// --- strings that hit the edges -------------------------------------------

/** A lone UTF-16 surrogate: not encodable as UTF-8 on its own. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) =>
  String.fromCharCode(code)
);

/** Any text, including control characters, astral characters and lone surrogates. */
const anyText = (maxLength: number) =>
  fc.string({
    maxLength,
    unit: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      },
      {
        weight: 2,
        arbitrary: fc.string({
          unit: "binary-ascii",
          minLength: 1,
          maxLength: 1,
        }),
      },
      { weight: 1, arbitrary: loneSurrogate },
    ),
  });

/** Bytes that are certainly not UTF-8: random bytes with one bad sequence inside. */
const invalidUtf8 = fc.tuple(
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom(
    [0xff],
    [0xfe],
    [0xc0, 0x80], // overlong NUL
    [0xc3], // lead byte with no continuation
    [0xe2, 0x82], // cut-off three-byte sequence
    [0xed, 0xa0, 0x80], // encoded surrogate
    [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
    [0x80], // stray continuation byte
  ),
  fc.nat(),
).map(([bytes, bad, at]) => {
  const cut = bytes.length === 0 ? 0 : at % (bytes.length + 1);
  const result = new Uint8Array(bytes.length + bad.length + 1);
  result.set(bytes.subarray(0, cut));
  result.set(bad, cut);
  // A trailing ASCII byte keeps a cut-off sequence from being "just truncated".
  result.set(bytes.subarray(cut), cut + bad.length);
  result[result.length - 1] = 0x41;
  return result;
}).filter((bytes) => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
});

// --- the CLI -----------------------------------------------------------------

const SECRET = "fuzz-secret-Q7vT2mX9pL4wZ8";
const SECRET_HASH = await sha256Hex(encoder.encode(SECRET));

const CLI_TOKENS: readonly string[] = [
  "preset",
  "pair",
  "hash",
  "verify",
  "inspect",
  "help",
  ...FORMATS.flatMap((f) => [f.name, ...f.aliases]),
  ...PRESETS.slice(0, 4).map((p) => p.name),
  "--bits",
  "-b",
  "--length",
  "-l",
  "--count",
  "-n",
  "--alphabet",
  "--prefix",
  "-p",
  "--no-checksum",
  "--checksum",
  "--json",
  "--env",
  "--help",
  "-h",
  "--version",
  "-V",
  "--",
  "-",
  "--bits=64",
  "--count=3",
  "--env=API_KEY",
  "--length=0",
  "-n3",
  "-bx",
  "--prefix=ks_live",
  "0",
  "1",
  "2",
  "7",
  "8",
  "64",
  "128",
  "256",
  "8192",
  "8193",
  "16384",
  "16385",
  "1000",
  "-1",
  "1.5",
  "1e3",
  "0x10",
  "NaN",
  "Infinity",
  "",
  " ",
  "abc",
  "aab",
  "ab",
  "01",
  "ks_live",
  "Ks-Live",
  "_x",
  "a_b",
  "true",
  "false",
  SECRET_HASH,
  SECRET_HASH.toUpperCase(),
  "\u0000",
  "é",
  "🔑",
  "\x1b[2J",
];

const cliToken = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...CLI_TOKENS) },
  { weight: 2, arbitrary: anyText(12) },
  { weight: 1, arbitrary: anyText(8).map((s) => `--${s}`) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 20_000 }).map(String) },
);

const cliStdin = fc.oneof(
  fc.constant(SECRET),
  fc.constant(`${SECRET}\n`),
  fc.constant(""),
  anyText(80),
);

Deno.test("run() answers random argv with exit 0, 1 or 2 and nothing on stdout for 2", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(cliToken, { maxLength: 6 }),
      cliStdin,
      async (args, stdin) => {
        const { io, stdout, stderr } = captureIo(stdin);
        const code = await run(args, io);
        assert.ok([0, 1, 2].includes(code), `exit ${code}`);
        const err = stderr();
        if (code === 2) {
          assert.equal(stdout().length, 0, "stdout must be empty on exit 2");
          assert.match(err, USAGE_ERROR);
        }
        assert.ok(!err.includes(SECRET), "the key from stdin reached stderr");
        const out = new TextDecoder().decode(stdout());
        if (!args.includes(SECRET)) {
          assert.ok(!out.includes(SECRET), "the key from stdin reached stdout");
        }
      },
    ),
    settings(1000),
  );
});

Deno.test("run() hash, verify and inspect refuse non-UTF-8 stdin with exit 2", async () => {
  const commands = [["hash"], ["verify", SECRET_HASH], ["inspect"], [
    "inspect",
    "--json",
  ]];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...commands),
      invalidUtf8,
      async (args, bytes) => {
        const { io, stdout, stderr } = captureIo(bytes);
        const code = await run(args, io);
        assert.equal(code, 2);
        assert.equal(stdout().length, 0);
        assert.match(stderr(), USAGE_ERROR);
        assert.match(stderr(), /UTF-8/);
      },
    ),
    settings(200),
  );
});

Deno.test("run() hash gives the SHA-256 of any UTF-8 stdin, minus one trailing newline", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ unit: "binary", minLength: 1, maxLength: 200 }),
      fc.constantFrom("", "\n", "\r\n"),
      async (key, newline) => {
        const input = key + newline;
        const stripped = input.endsWith("\r\n")
          ? input.slice(0, -2)
          : input.endsWith("\n")
          ? input.slice(0, -1)
          : input;
        const { io, stdout, stderr } = captureIo(input);
        const code = await run(["hash"], io);
        if (stripped === "") {
          assert.equal(code, 2, "empty input after the newline is dropped");
          return;
        }
        assert.equal(code, 0, stderr());
        const expected = await sha256Hex(encoder.encode(stripped));
        assert.equal(new TextDecoder().decode(stdout()), `${expected}\n`);
      },
    ),
    settings(300),
  );
});

Deno.test("run() refuses 10 MB on stdin and in arguments with a short usage error", async () => {
  const huge = "k".repeat(TEN_MB);
  const cases: Array<{ args: string[]; stdin: string }> = [
    { args: ["hash"], stdin: huge },
    { args: ["verify", SECRET_HASH], stdin: huge },
    { args: ["inspect", "--json"], stdin: huge },
    { args: ["verify", huge], stdin: SECRET },
    { args: ["--prefix", huge], stdin: "" },
    { args: ["custom", "--alphabet", huge], stdin: "" },
    { args: ["--bits", huge], stdin: "" },
    { args: [huge], stdin: "" },
    { args: ["preset", huge], stdin: "" },
  ];
  for (const { args, stdin } of cases) {
    const { io, stdout, stderr } = captureIo(stdin);
    const code = await run(args, io);
    const label = args.map((a) => a.length > 20 ? "<10 MB>" : a).join(" ");
    assert.equal(code, 2, label);
    assert.equal(stdout().length, 0, label);
    assert.match(stderr(), USAGE_ERROR, label);
    assert.ok(stderr().length < 1024, `${label}: stderr echoes the input`);
  }
});

Deno.test("run() quotes a bad argument in a usage error short and without control characters", async () => {
  // A mistyped argument may be a pasted key, and raw escape sequences act on
  // the terminal: an argument echoed in an error must be cut (core quotes 40
  // characters) and escaped, like the core's own messages do.
  const long = "k".repeat(100_000);
  const escape = "\x1b]0;title\x07\x1b[2J";
  const cases: string[][] = [
    ["hex", long],
    ["hex", escape],
    [`--${long}`],
    [`--${escape}`],
    ["help", long],
    ["help", escape],
    ["preset", "laravel", long],
    ["preset", "laravel", escape],
    ["--env", escape],
    ["--env", `1${long}`],
    [escape],
    ["--prefix", escape],
  ];
  const problems: string[] = [];
  for (const args of cases) {
    const { io, stderr } = captureIo();
    const code = await run(args, io);
    const err = stderr();
    const label = args.map((a) =>
      a.length > 40 ? "<100 KB>" : JSON.stringify(a)
    )
      .join(" ");
    if (code !== 2) problems.push(`${label}: exit ${code}`);
    if (err.length > 1024) {
      problems.push(`${label}: ${err.length} bytes on stderr`);
    }
    if (CONTROL.test(err)) {
      problems.push(`${label}: raw control characters on stderr`);
    }
  }
  assert.deepEqual(problems, []);
});

// --- the HTTP API ------------------------------------------------------------

const logLines: string[] = [];
const app = await createApp({ log: (line) => logLines.push(line) });

const QUERY_NAMES: readonly string[] = [
  "format",
  "bits",
  "length",
  "count",
  "alphabet",
  "prefix",
  "checksum",
  "preset",
  "Format",
  "bits[]",
  "x",
  "",
];
const QUERY_VALUES: readonly string[] = [
  ...FORMATS.map((f) => f.name),
  "base62",
  "alphanumeric",
  ...PRESETS.slice(0, 3).map((p) => p.name),
  "nope",
  "",
  "0",
  "1",
  "8",
  "64",
  "127",
  "128",
  "256",
  "8192",
  "8193",
  "16384",
  "1000",
  "1001",
  "-1",
  "1.5",
  "1e2",
  "abc",
  "true",
  "false",
  "ks_live",
  "ab",
  "aab",
  "🔑",
  "é",
];

const queryPart = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...QUERY_NAMES) },
  { weight: 1, arbitrary: anyText(10) },
);
const queryValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...QUERY_VALUES) },
  { weight: 2, arbitrary: anyText(20) },
);

/** Well-formed pairs, encoded; or raw text after the "?" (stray %, &, =, #). */
const queryString = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.tuple(queryPart, queryValue), { maxLength: 5 }).map(
      (pairs) =>
        pairs.map(([name, value]) =>
          `${encodeURIComponent(name.toWellFormed())}=${
            encodeURIComponent(value.toWellFormed())
          }`
        ).join("&"),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "%",
      "%zz",
      "bits=%E0%A4%A",
      "format=%00",
      "a=1&&&b",
      "=&=",
    ),
  },
);

const requestPath = fc.oneof(
  { weight: 8, arbitrary: fc.constant("/api/v1/keys") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "/api/v1/presets",
      "/api/v1/nope",
      "/api/v2/keys",
      "/api/",
      "/",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...PRESETS.map((p) => `/presets/${p.name}`)),
  },
  {
    weight: 1,
    arbitrary: fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((name) =>
      `/presets/${name}`
    ),
  },
);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant("GET") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "HEAD",
      "POST",
      "PUT",
      "DELETE",
      "PATCH",
      "OPTIONS",
    ),
  },
);

const accept = fc.constantFrom(
  undefined,
  "application/json",
  "text/plain",
  "*/*",
  "text/html",
  "application/json;q=0",
  "nonsense/, ,;;",
);

/** Checks that `body` is what `contentType` says it is. */
function assertBodyMatches(
  contentType: string,
  body: Uint8Array,
  label: string,
) {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  if (contentType.includes("application/json")) {
    JSON.parse(text);
  } else if (contentType.includes("text/html")) {
    assert.match(text, /^<!doctype html>/i, `${label}: HTML without a doctype`);
    assert.match(text, /<\/html>\s*$/i, `${label}: HTML cut short`);
  } else {
    assert.ok(
      contentType.startsWith("text/plain"),
      `${label}: content type ${contentType}`,
    );
  }
}

Deno.test("the API answers random requests with 200, 400, 404 or 405 and a body of its type", async () => {
  await fc.assert(
    fc.asyncProperty(
      requestPath,
      queryString,
      method,
      accept,
      async (path, query, verb, type) => {
        const url = query === "" ? path : `${path}?${query}`;
        const headers: Record<string, string> = {};
        if (type !== undefined) headers.accept = type;
        const logged = logLines.length;
        const response = await app.request(url, { method: verb, headers });
        const label = `${verb} ${url}`;
        assert.ok(
          [200, 400, 404, 405].includes(response.status),
          `${label}: status ${response.status}`,
        );
        const body = new Uint8Array(await response.arrayBuffer());
        const contentType = response.headers.get("content-type") ?? "";
        if (verb === "HEAD") {
          assert.equal(body.length, 0, `${label}: HEAD with a body`);
        } else if (body.length > 0 || response.status !== 200) {
          assertBodyMatches(contentType, body, label);
        }
        if (path.startsWith("/api/")) {
          assert.equal(
            response.headers.get("cache-control"),
            "no-store",
            label,
          );
          if (response.status !== 200 && verb !== "HEAD") {
            const parsed = JSON.parse(new TextDecoder().decode(body));
            assert.equal(
              typeof parsed.error,
              "string",
              `${label}: no error text`,
            );
          }
        }
        for (const line of logLines.slice(logged)) {
          assert.ok(!line.includes("?"), `log line carries a query: ${line}`);
        }
      },
    ),
    settings(600),
  );
});

Deno.test("the API refuses a 10 MB query value with a short 400", async () => {
  const huge = "A".repeat(TEN_MB);
  for (const name of ["prefix", "alphabet", "bits", "format", "preset"]) {
    const response = await app.request(`/api/v1/keys?${name}=${huge}`);
    const body = await response.text();
    assert.equal(response.status, 400, name);
    assert.equal(typeof JSON.parse(body).error, "string");
    assert.ok(body.length < 1024, `${name}: the error echoes the input`);
  }
});

// --- inspect, hash and verify in core -----------------------------------------

const INSPECTION_CHECKSUMS = new Set(["valid", "invalid", "none"]);

Deno.test("hashKey(), verifyKey() and inspectKey() take any string without a stray error", async () => {
  const anyKey = fc.oneof(
    { weight: 4, arbitrary: anyText(120) },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 120 }).map((bytes) =>
        new TextDecoder().decode(bytes)
      ),
    },
    {
      weight: 1,
      arbitrary: fc.stringMatching(/^[a-z]{1,8}_[0-9A-Za-z]{10,40}$/),
    },
  );
  const otherHash = fc.oneof(
    fc.stringMatching(/^[0-9a-f]{64}$/),
    anyText(70),
    fc.constantFrom("", "0".repeat(63), "g".repeat(64), "A".repeat(64)),
  );
  await fc.assert(
    fc.asyncProperty(anyKey, otherHash, async (key, other) => {
      const hash = await hashKey(key);
      assert.equal(hash, await sha256Hex(encoder.encode(key)));
      assert.equal(await verifyKey(key, hash), true);
      assert.equal(await verifyKey(key, hash.toUpperCase()), true);

      let verdict: boolean | undefined;
      try {
        verdict = await verifyKey(key, other);
      } catch (error) {
        assert.ok(error instanceof SyntaxError, `verifyKey threw ${error}`);
        assert.ok(!/^[0-9a-fA-F]{64}$/.test(other), "a good hash was refused");
      }
      if (verdict !== undefined) {
        assert.equal(verdict, other.toLowerCase() === hash);
      }

      let inspection;
      try {
        inspection = await inspectKey(key);
      } catch (error) {
        assert.ok(error instanceof RangeError, `inspectKey threw ${error}`);
        assert.ok(
          key.length === 0 || key.length > 16384 || /[\n\r]/.test(key),
          `a fair key was refused: ${error}`,
        );
        return;
      }
      assert.ok(key.length > 0);
      // Below 128 bits the fingerprint is left out: it would give the key away.
      if (inspection.fingerprint !== null) {
        assert.equal(inspection.fingerprint, hash);
      }
      if (inspection.bits < 128) assert.equal(inspection.fingerprint, null);
      assert.ok(INSPECTION_CHECKSUMS.has(inspection.checksum));
      assert.ok(Number.isInteger(inspection.bits) && inspection.bits >= 0);
      assert.ok(inspection.warnings.every((w) => typeof w === "string"));
      if (key.length >= 20) {
        assert.ok(
          !JSON.stringify(inspection).includes(
            JSON.stringify(key).slice(1, -1),
          ),
          "the inspection repeats the whole key",
        );
      }
    }),
    settings(500),
  );
});

Deno.test("hashKey(), verifyKey() and inspectKey() handle a 10 MB string", async () => {
  const huge = "x".repeat(TEN_MB - 3) + "\u{1F511}\uD800";
  const hash = await hashKey(huge);
  assert.equal(hash, await sha256Hex(encoder.encode(huge)));
  assert.equal(await verifyKey(huge, hash), true);
  assert.equal(await verifyKey(huge, "0".repeat(64)), false);
  await assert.rejects(verifyKey("key", huge), SyntaxError);
  await assert.rejects(inspectKey(huge), RangeError);
  await assert.rejects(inspectKey(""), RangeError);
});

Deno.test("inspectKey() and hashKey() accept text decoded from invalid UTF-8", async () => {
  await fc.assert(
    fc.asyncProperty(invalidUtf8, async (bytes) => {
      const key = new TextDecoder().decode(bytes);
      assert.ok(key.includes("\uFFFD"));
      assert.match(await hashKey(key), /^[0-9a-f]{64}$/);
      try {
        const inspection = await inspectKey(key);
        assert.equal(typeof inspection.masked, "string");
      } catch (error) {
        assert.ok(isInputError(error), `inspectKey threw ${error}`);
      }
    }),
    settings(100),
  );
});
