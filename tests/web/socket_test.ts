/**
 * The server under hostile input, through real sockets: the app served by
 * `Deno.serve` on 127.0.0.1, raw HTTP written with `Deno.connect`. Every
 * exchange has a deadline, so a server that hangs fails the test instead of
 * stalling it.
 */

import assert from "node:assert/strict";
import { createApp } from "../../web/app.ts";
import { ensureBuild } from "../../web/build.ts";
import { DEFAULT_RATE_LIMIT } from "../../web/rate_limit.ts";

const manifest = await ensureBuild();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One exchange as the client saw it. */
interface Exchange {
  status: number;
  headers: Map<string, string[]>;
  body: Uint8Array;
  /** Whether the server closed the connection without an answer. */
  closed: boolean;
}

interface Server {
  port: number;
  log: string[];
  errors: string[];
  close(): Promise<void>;
}

async function startServer(burst = 1_000_000): Promise<Server> {
  const log: string[] = [];
  const errors: string[] = [];
  const app = await createApp({
    manifest,
    log: (line) => log.push(line),
    rateLimit: { ...DEFAULT_RATE_LIMIT, perMinute: 60, burst },
  });
  // Anything the server writes to stderr (an onError line, a stack trace
  // Deno.serve prints for an uncaught error) is kept for the assertions.
  const originalError = console.error;
  console.error = (...parts: unknown[]) => errors.push(parts.join(" "));
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen() {},
  }, app.fetch);
  return {
    port: server.addr.port,
    log,
    errors,
    async close() {
      await server.shutdown();
      console.error = originalError;
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function dechunk(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    const end = body.indexOf(13, at);
    const size = parseInt(decoder.decode(body.subarray(at, end)), 16);
    if (!(size > 0)) return concat(parts);
    parts.push(body.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
}

/** Reads everything the server sends until it closes, within `ms`. */
async function readAll(conn: Deno.Conn, ms: number): Promise<Uint8Array> {
  const timer = setTimeout(() => conn.close(), ms);
  const parts: Uint8Array[] = [];
  try {
    const buffer = new Uint8Array(65_536);
    for (;;) {
      const n = await conn.read(buffer);
      if (n === null) break;
      parts.push(buffer.slice(0, n));
    }
  } catch {
    // Closed by the deadline or reset by the server.
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch {
      // Already closed.
    }
  }
  return concat(parts);
}

function parse(raw: Uint8Array): Exchange {
  const split = raw.findIndex((_, i) =>
    raw[i] === 13 && raw[i + 1] === 10 && raw[i + 2] === 13 && raw[i + 3] === 10
  );
  if (raw.length === 0 || split === -1) {
    return { status: 0, headers: new Map(), body: raw, closed: true };
  }
  const [statusLine = "", ...lines] = decoder.decode(raw.subarray(0, split))
    .split("\r\n");
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    headers.set(name, [
      ...headers.get(name) ?? [],
      line.slice(colon + 1).trim(),
    ]);
  }
  let body = raw.subarray(split + 4);
  if (headers.get("transfer-encoding")?.[0] === "chunked") body = dechunk(body);
  return {
    status: Number(statusLine.split(" ")[1]),
    headers,
    body,
    closed: false,
  };
}

/** Sends `request` as it is (one write) and reads the answer. */
async function exchange(
  port: number,
  request: string | Uint8Array,
  ms = 10_000,
): Promise<Exchange> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(
      typeof request === "string" ? encoder.encode(request) : request,
    );
  } catch {
    // The server may close before it has read everything.
  }
  return parse(await readAll(conn, ms));
}

const get = (target: string, host = "localhost", extra = "") =>
  `GET ${target} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`;

function jsonError(answer: Exchange): string {
  assert.equal(answer.headers.get("content-type")?.[0], "application/json");
  const parsed = JSON.parse(decoder.decode(answer.body));
  assert.equal(typeof parsed.error, "string");
  return parsed.error;
}

/** No stack trace, no raw control character, one `METHOD route status`. */
function assertCleanLogs(server: Server): void {
  for (const line of server.log) {
    assert.match(line, /^[A-Z]{1,16} [\x21-\x7e]{1,90} \d{3}$/, line);
  }
  for (const line of server.errors) {
    assert.doesNotMatch(line, /\n\s+at /, "a stack trace on stderr");
  }
}

Deno.test("a Host that is not host[:port] gets a 400 and one clean log line, never a 500", async () => {
  const server = await startServer();
  try {
    for (
      const host of [
        "a b",
        "127.0.0.1:99999",
        "x/api/v1/keys?count=3",
        "x?y",
        "x#y",
        "user@x",
        "x\\y",
        "[::1",
        "1.2.3.999",
        "-x-",
        "x:",
        "x:port",
        "a".repeat(300),
      ]
    ) {
      const answer = await exchange(server.port, get("/cd", host));
      assert.equal(answer.status, 400, `Host: ${host}`);
      assert.match(
        jsonError(answer),
        /Host header is not a valid host\[:port\]/,
      );
    }
    // Valid hosts route normally, on the request target alone.
    for (
      const host of [
        "x",
        "127.0.0.1:8000",
        "[::1]:80",
        "my_service",
        "a.b.example.",
      ]
    ) {
      const answer = await exchange(server.port, get("/healthz", host));
      assert.equal(answer.status, 200, `Host: ${host}`);
    }
    assert.equal(server.log.filter((l) => / 500$/.test(l)).length, 0);
    assert.ok(
      server.log.every((l) => !l.includes("/api/")),
      "nothing reached the API",
    );
    assertCleanLogs(server);
    assert.deepEqual(server.errors, []);
  } finally {
    await server.close();
  }
});

Deno.test("the page's examples use the request's origin only once it is checked", async () => {
  const server = await startServer();
  try {
    const page = await exchange(server.port, get("/", "keys.example:8443"));
    assert.equal(page.status, 200);
    assert.match(
      decoder.decode(page.body),
      /http:\/\/keys\.example:8443\/api\/v1\/keys/,
    );
  } finally {
    await server.close();
  }
});

Deno.test("control characters in the path cannot forge or colour a log line", async () => {
  const server = await startServer();
  try {
    const targets = [
      "/x%0aGET%20/forged%20200",
      "/%1b[31mred%1b[0m",
      "/%0d%0a%00",
      "/" + "%e2%80%ae".repeat(40),
      "/" + "a".repeat(5000),
      "/presets/%0a",
    ];
    for (const target of targets) {
      const answer = await exchange(server.port, get(target));
      assert.equal(answer.status, 404, target);
    }
    // A raw control byte in the target is refused by the HTTP parser.
    const raw = await exchange(server.port, get("/a\x1bb"));
    assert.ok(raw.closed || raw.status === 400, `status ${raw.status}`);
    assert.equal(server.log.length, targets.length, "one line per request");
    assert.equal(server.log[0], "GET /x%0aGET%20/forged%20200 404");
    assert.equal(server.log[1], "GET /%1b[31mred%1b[0m 404");
    assert.equal(server.log[4], `GET /${"a".repeat(79)}... 404`);
    assertCleanLogs(server);
  } finally {
    await server.close();
  }
});

Deno.test("oversize queries get a short 400 over the wire, and the largest accepted one streams", async () => {
  const server = await startServer();
  try {
    const emoji = encodeURIComponent(
      Array.from({ length: 256 }, (_, i) => String.fromCodePoint(0x1f600 + i))
        .join(""),
    );
    for (
      const query of [
        "count=1000&length=16384",
        `count=1000&length=16384&alphabet=${emoji}`,
        `count=1000&length=262&alphabet=${emoji}`,
        "count=1001",
      ]
    ) {
      const answer = await exchange(server.port, get(`/api/v1/keys?${query}`));
      assert.equal(answer.status, 400, query);
      assert.ok(answer.body.length < 300, `${answer.body.length} bytes`);
      jsonError(answer);
    }
    const largest = await exchange(
      server.port,
      get(`/api/v1/keys?count=1000&length=261&alphabet=${emoji}`),
    );
    assert.equal(largest.status, 200);
    assert.equal(largest.headers.get("transfer-encoding")?.[0], "chunked");
    assert.equal(largest.body.length, 1000 * (261 * 4 + 1));
    const small = await exchange(server.port, get("/api/v1/keys?count=2"));
    assert.equal(small.headers.get("content-length")?.[0], "130");
    assertCleanLogs(server);
  } finally {
    await server.close();
  }
});

Deno.test("HEAD, OPTIONS, TRACE and other methods get headers, 405s or 404s, never a body of keys", async () => {
  const server = await startServer();
  try {
    const ask = (method: string, target: string) =>
      exchange(
        server.port,
        `${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
    const head = await ask("HEAD", "/api/v1/keys?count=1000&length=1000");
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    for (
      const method of [
        "OPTIONS",
        "TRACE",
        "POST",
        "PUT",
        "DELETE",
        "PATCH",
        "FOO",
      ]
    ) {
      const answer = await ask(method, "/api/v1/keys");
      assert.equal(answer.status, 405, method);
      assert.equal(answer.headers.get("allow")?.[0], "GET, HEAD");
      assert.match(jsonError(answer), /this route takes GET/);
    }
    const trace = await ask("TRACE", "/");
    assert.ok([404, 405].includes(trace.status), `TRACE / ${trace.status}`);
    assert.ok(
      !decoder.decode(trace.body).includes("Host: x"),
      "TRACE echoes nothing",
    );
    assertCleanLogs(server);
  } finally {
    await server.close();
  }
});

Deno.test("huge and repeated headers are refused by the HTTP layer or read in linear time", async () => {
  const server = await startServer();
  try {
    // Deno's HTTP/1 parser takes about 64 KiB of head and 100 header lines;
    // past that it answers 400 with no body and the app never sees it.
    const refused = [
      get("/healthz", "x", `X-Pad: ${"a".repeat(1_000_000)}\r\n`),
      get("/healthz", "x", "X-A: b\r\n".repeat(5_000)),
      get("/healthz", "x", "Host: y\r\n"),
      get(
        "/api/v1/keys",
        "x",
        `Accept: ${"application/json,".repeat(4000)}\r\n`,
      ),
    ];
    for (const request of refused) {
      const answer = await exchange(server.port, request);
      assert.ok(
        answer.closed || answer.status === 400,
        `status ${answer.status}`,
      );
      assert.equal(answer.body.length, 0);
    }
    assert.deepEqual(server.log, [], "refused before the app");
    const padded = await exchange(
      server.port,
      get("/healthz", "x", `X-Pad: x${" ".repeat(50_000)}x\r\n`),
    );
    assert.equal(padded.status, 200);
    const repeated = await exchange(
      server.port,
      get("/healthz", "x", "X-A: b\r\n".repeat(90)),
    );
    assert.equal(repeated.status, 200);
    const accept = await exchange(
      server.port,
      get(
        "/api/v1/keys?count=2",
        "x",
        `Accept: ${"text/plain,".repeat(4000)}application/json\r\n`,
      ),
    );
    assert.equal(accept.status, 200);
    assert.equal(JSON.parse(decoder.decode(accept.body)).length, 2);
    assert.deepEqual(server.log, [
      "GET /healthz 200",
      "GET /healthz 200",
      "GET /api/v1/keys 200",
    ]);
    assertCleanLogs(server);
  } finally {
    await server.close();
  }
});

Deno.test("slow clients and a flood of costly queries do not stop /healthz", async () => {
  const server = await startServer();
  const slow: Deno.Conn[] = [];
  try {
    // Ten clients that send half a request line and then nothing.
    for (let i = 0; i < 10; i++) {
      const conn = await Deno.connect({
        hostname: "127.0.0.1",
        port: server.port,
      });
      await conn.write(encoder.encode("GET /api/v1/keys?cou"));
      slow.push(conn);
    }
    // Ten that ask for the largest answer and never read it.
    const emoji = encodeURIComponent(
      Array.from({ length: 256 }, (_, i) => String.fromCodePoint(0x1f600 + i))
        .join(""),
    );
    for (let i = 0; i < 10; i++) {
      const conn = await Deno.connect({
        hostname: "127.0.0.1",
        port: server.port,
      });
      await conn.write(
        encoder.encode(
          get(`/api/v1/keys?count=1000&length=261&alphabet=${emoji}`),
        ),
      );
      slow.push(conn);
    }
    // Sixteen costly queries read in full, with /healthz asked in between.
    const flood = Array.from(
      { length: 16 },
      () =>
        exchange(
          server.port,
          get(`/api/v1/keys?count=1000&length=261&alphabet=${emoji}`),
          30_000,
        ),
    );
    const polls: Exchange[] = [];
    for (let i = 0; i < 5; i++) {
      polls.push(await exchange(server.port, get("/healthz"), 10_000));
    }
    const answers = await Promise.all(flood);
    for (const poll of polls) assert.equal(poll.status, 200);
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.equal(answer.body.length, 1000 * 1045);
    }
  } finally {
    for (const conn of slow) conn.close();
    await server.close();
  }
});

Deno.test("the rate limit answers 429 through a socket, keyed on the peer", async () => {
  const server = await startServer(3);
  try {
    const statuses: number[] = [];
    let last: Exchange | undefined;
    for (let i = 0; i < 5; i++) {
      last = await exchange(
        server.port,
        get("/api/v1/keys", "x", "X-Forwarded-For: 10.0.0." + i + "\r\n"),
      );
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    assert.equal(last!.headers.get("retry-after")?.[0], "1");
    assert.match(jsonError(last!), /too many requests/);
    assert.equal((await exchange(server.port, get("/healthz"))).status, 200);
    assert.ok(server.log.includes("GET /api/v1/keys 429"));
  } finally {
    await server.close();
  }
});
