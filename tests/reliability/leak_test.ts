/**
 * No leaks: the server and the CLI run as real processes, and nothing they
 * write to their logs (the server's stdout and stderr, the CLI's stderr)
 * may contain a key they handed out or took in, or a query string.
 */

import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The command line of a deno.json task, with `deno` swapped for this deno. */
function taskCommand(name: string): string[] {
  const config = JSON.parse(
    Deno.readTextFileSync(new URL("deno.json", ROOT)),
  ) as { tasks: Record<string, string> };
  const task = config.tasks[name];
  assert.ok(task, `deno.json has no "${name}" task`);
  const words = task.split(/\s+/);
  assert.equal(words[0], "deno", `the "${name}" task does not start with deno`);
  return [Deno.execPath(), ...words.slice(1)];
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** A stream read to its end in the background; `text` grows as data comes. */
interface Collected {
  text: string;
  done: Promise<void>;
}

function collect(stream: ReadableStream<Uint8Array>): Collected {
  const collected: Collected = { text: "", done: Promise.resolve() };
  const streamDecoder = new TextDecoder();
  collected.done = (async () => {
    for await (const chunk of stream) {
      collected.text += streamDecoder.decode(chunk, { stream: true });
    }
    collected.text += streamDecoder.decode();
  })();
  return collected;
}

/** Every string in `secrets` that occurs in `output`. */
function leaked(output: string, secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].filter((secret) => output.includes(secret));
}

// --- the server ----------------------------------------------------------------

/** Distinctive values sent in query strings; none may reach the server's output. */
const MARKERS = {
  prefix: "zq_leakprobe",
  alphabet: "QWXZ!%*~",
  badFormat: "leakyformat4711",
  badBits: "leakybits0815",
  badName: "leakyparam2342",
  pageFormat: "leakypage9090",
};

const API_QUERIES: readonly string[] = [
  "",
  "format=alnum&count=20",
  "format=base58&bits=128&count=10",
  `prefix=${MARKERS.prefix}&count=10`,
  `prefix=${MARKERS.prefix}&checksum=false&count=5`,
  `format=custom&alphabet=${encodeURIComponent(MARKERS.alphabet)}&count=10`,
  "format=hex&bits=64&count=10",
  "preset=laravel",
  "preset=standard-webhooks",
  `format=${MARKERS.badFormat}`,
  `bits=${MARKERS.badBits}`,
  `${MARKERS.badName}=1`,
  "count=100000",
];

const PAGE_PATHS: readonly string[] = [
  "/",
  "/presets/laravel",
  `/?format=${MARKERS.pageFormat}`,
  `/?format=base58&prefix=${MARKERS.prefix}`,
  `/presets/nope?x=${MARKERS.badName}`,
];

/** The keys in an API answer: one a line, or the `value` fields of the JSON. */
function keysIn(body: string, json: boolean): string[] {
  if (json) {
    const parsed = JSON.parse(body) as Array<{ value: string }>;
    return parsed.map((entry) => entry.value);
  }
  return body.split("\n").filter((line) => line !== "");
}

Deno.test("the server logs no key it served and no query string", async () => {
  const port = freePort();
  // The server's own task (`start` is `deno task build && deno task serve`;
  // `deno task test` has built already).
  const [command, ...args] = taskCommand("serve");
  const server = new Deno.Command(command!, {
    args,
    cwd: ROOT,
    env: { PORT: String(port), NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stdout = collect(server.stdout);
  const stderr = collect(server.stderr);
  const base = `http://127.0.0.1:${port}`;
  const keys: string[] = [];
  const queries: string[] = [];
  try {
    await waitUntilServing(`${base}/healthz`, server);
    for (const query of API_QUERIES) {
      for (const accept of ["text/plain", "application/json"]) {
        const url = query === ""
          ? `${base}/api/v1/keys`
          : `${base}/api/v1/keys?${query}`;
        const response = await fetch(url, { headers: { accept } });
        const body = await response.text();
        if (query !== "") queries.push(query);
        if (response.status === 200) {
          keys.push(...keysIn(body, accept === "application/json"));
        }
      }
    }
    const posted = "ks_live_PostedSecretBody0123456789";
    const post = await fetch(`${base}/api/v1/keys?format=alnum`, {
      method: "POST",
      body: posted,
    });
    await post.body?.cancel();
    keys.push(posted);
    for (const path of PAGE_PATHS) {
      const response = await fetch(`${base}${path}`);
      await response.body?.cancel();
      const query = new URL(path, base).search.slice(1);
      if (query !== "") queries.push(query);
    }
    // The server writes its request log in batches; give the last one time.
    const deadline = Date.now() + 5_000;
    while (
      !/^GET \/presets\/nope \d{3}$/m.test(stdout.text) && Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    try {
      server.kill("SIGTERM");
    } catch {
      // It has exited already; waitUntilServing said so.
    }
    await server.status;
  }
  await Promise.all([stdout.done, stderr.done]);
  const output = stdout.text + stderr.text;

  assert.ok(keys.length >= 100, `only ${keys.length} keys were served`);
  // Not vacuous: the server does log requests, just without the secrets.
  assert.match(output, /GET \/api\/v1\/keys 200/);
  assert.match(output, /GET \/api\/v1\/keys 400/);
  assert.deepEqual(leaked(output, keys), [], "keys in the server output");
  assert.deepEqual(
    leaked(output, queries),
    [],
    "query strings in the server output",
  );
  const decodedQueries = queries.map((q) => decodeURIComponent(q));
  assert.deepEqual(
    leaked(output, decodedQueries),
    [],
    "decoded query strings in the server output",
  );
  assert.deepEqual(
    leaked(output, Object.values(MARKERS)),
    [],
    "query values in the server output",
  );
  assert.ok(
    !output.includes("?"),
    "a '?' in the server output: a URL with its query?",
  );
});

async function waitUntilServing(url: string, server: Deno.ChildProcess) {
  let exited = false;
  server.status.then(() => exited = true);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    assert.ok(!exited, "the server exited before it answered");
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer ${url} within 90 s`);
}

// --- the CLI -------------------------------------------------------------------

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function keymint(args: string[], stdin = ""): Promise<CliResult> {
  const [command, ...taskArgs] = taskCommand("keymint");
  const child = new Deno.Command(command!, {
    args: [...taskArgs, ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(encoder.encode(stdin));
  await writer.close();
  const output = await child.output();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/** Keys that make inspect warn: bad checksum, placeholder words, low variety, a documentation example. */
const INSPECTED_KEYS: readonly string[] = [
  "ks_live_Zx81LmQp0aT7vB2nC9dE4fG6hJ000000",
  "my_secret_key_placeholder_changeme",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "Zx81LmQp0aT7vB2nC9dE4fG6hJk3Rs5Uw8Yz1Ab",
];

Deno.test("the CLI never writes a key it read to stderr, nor the whole key to stdout", async () => {
  const problems: string[] = [];
  for (const key of INSPECTED_KEYS) {
    const hash = await sha256Hex(key);
    const runs: Array<[string[], string, number]> = [
      [["hash"], key, 0],
      [["hash", "--json"], `${key}\n`, 0],
      [["verify", hash], key, 0],
      [["verify", "0".repeat(64)], key, 1],
      [["verify", "not-a-hash"], key, 2],
      [["inspect"], key, 0],
      [["inspect", "--json"], `${key}\r\n`, 0],
      // The mistake of passing the key as an argument: refused, not echoed.
      [["hash", key], "", 2],
      [["inspect", key], "", 2],
      [["verify", hash, key], "", 2],
    ];
    for (const [args, stdin, expected] of runs) {
      const result = await keymint(args, stdin);
      const label = `keymint ${
        args.map((a) => a === key ? "<key>" : a).join(" ")
      }`;
      if (result.code !== expected) {
        problems.push(
          `${label}: exit ${result.code}, not ${expected} (${
            result.stderr.split("\n")[0]?.replaceAll(key, "<key>")
          })`,
        );
      }
      if (result.stderr.includes(key)) problems.push(`${label}: key on stderr`);
      if (result.stdout.includes(key)) problems.push(`${label}: key on stdout`);
    }
  }
  assert.deepEqual(problems, []);
});

/** The secrets in generated output: lines, `NAME=value`, or JSON values, secrets, ids and hashes. */
function generatedValues(stdout: string): string[] {
  const text = stdout.trim();
  if (text.startsWith("[") || text.startsWith("{")) {
    const parsed = JSON.parse(text) as unknown;
    const entries = (Array.isArray(parsed) ? parsed : [parsed]) as Array<
      Record<string, unknown>
    >;
    return entries.flatMap((entry) =>
      ["value", "secret", "id", "hash"]
        .map((field) => entry[field])
        .filter((value): value is string => typeof value === "string")
    );
  }
  return text.split("\n").map((line) =>
    line.replace(/^[A-Z_]+=['"]?|['"]$/g, "")
  );
}

Deno.test("the CLI's warnings and messages carry none of the keys it generated", async () => {
  const runs: string[][] = [
    ["--bits", "64", "--count", "20"],
    ["alnum", "--bits", "40", "--count", "20"],
    ["--prefix", "ks_test", "--bits", "64", "--count", "20"],
    ["base58", "--length", "8", "--count", "20", "--json"],
    ["digits", "--length", "6", "--env", "PIN"],
    ["preset", "laravel", "--count", "5"],
    ["pair", "--prefix", "ks_live", "--json"],
  ];
  let warned = 0;
  for (const args of runs) {
    const result = await keymint(args);
    assert.equal(result.code, 0, `keymint ${args.join(" ")}: ${result.stderr}`);
    if (result.stderr.includes("warning")) warned++;
    const values = generatedValues(result.stdout);
    assert.ok(values.length > 0, `keymint ${args.join(" ")} printed no key`);
    assert.deepEqual(
      leaked(result.stderr, values),
      [],
      `keymint ${args.join(" ")}`,
    );
  }
  assert.ok(
    warned >= 3,
    "the low-entropy runs printed no warnings: nothing was checked",
  );
});
