/**
 * The API's size budget, HEAD, streaming and the rate limit, in-process.
 * (The same behaviour over real sockets is in socket_test.ts.)
 */

import assert from "node:assert/strict";
import { FORMATS, parseKeySpec, PRESETS } from "@keymint/core";
import { createApp } from "../../web/app.ts";
import { ensureBuild } from "../../web/build.ts";
import {
  largestAnswerBytes,
  MAX_ANSWER_BYTES,
  MAX_API_COUNT,
} from "../../web/limits.ts";
import {
  clientKey,
  DEFAULT_RATE_LIMIT,
  RateLimiter,
  rateLimitFromEnv,
} from "../../web/rate_limit.ts";

const manifest = await ensureBuild();
const app = await createApp({ manifest, log: () => {}, rateLimit: false });

const EMOJI = Array.from(
  { length: 256 },
  (_, i) => String.fromCodePoint(0x1f600 + i),
).join("");

/** Counts the random bytes drawn while `body` runs. */
async function randomBytesDrawn(body: () => Promise<void>): Promise<number> {
  const original = crypto.getRandomValues;
  let drawn = 0;
  crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T) => {
    drawn += array?.byteLength ?? 0;
    return original.call(crypto, array as ArrayBufferView<ArrayBuffer>) as T;
  }) as typeof crypto.getRandomValues;
  try {
    await body();
  } finally {
    crypto.getRandomValues = original;
  }
  return drawn;
}

function keysUrl(query: Record<string, string | number>): string {
  const search = new URLSearchParams(
    Object.entries(query).map(([k, v]) => [k, String(v)]),
  );
  return `/api/v1/keys?${search}`;
}

const SHAPES: Record<string, string | number>[] = [
  ...FORMATS.filter((f) => f.name !== "custom").map((f) => ({
    format: f.name,
  })),
  { format: "base64", length: 64 },
  { alphabet: EMOJI, length: 40 },
  { alphabet: "é€𝄞a", length: 33 },
  { alphabet: '"\\', length: 50 },
  { alphabet: '"\\/<', bits: 8 },
  { prefix: "sk_live", bits: 128 },
  { prefix: "sk_test", checksum: "false", length: 9 },
  ...PRESETS.map((p) => ({ preset: p.name })),
];

for (const json of [false, true]) {
  Deno.test(`largestAnswerBytes bounds every ${json ? "JSON" : "text"} answer`, async () => {
    for (const shape of SHAPES) {
      const query = { ...shape, count: 7 };
      const spec = parseKeySpec(query);
      const bound = largestAnswerBytes(spec, json);
      // Keys vary in width only when their characters do: with one width
      // the bound is met exactly, which is what catches a bound that
      // forgets a separator, the JSON overhead or JSON's escapes.
      const widths = new Set(
        Array.from(spec.alphabet, (char) =>
          new TextEncoder().encode(
            json ? JSON.stringify(char).slice(1, -1) : char,
          ).length),
      );
      for (let round = 0; round < 5; round++) {
        const response = await app.request(keysUrl(query), {
          headers: { accept: json ? "application/json" : "text/plain" },
        });
        assert.equal(response.status, 200, JSON.stringify(shape));
        const bytes = (await response.arrayBuffer()).byteLength;
        assert.ok(
          bytes <= bound,
          `${JSON.stringify(shape)}: ${bytes} > ${bound}`,
        );
        if (widths.size === 1 && spec.preset === undefined) {
          assert.equal(bytes, bound, JSON.stringify(shape));
        }
      }
    }
  });
}

Deno.test("the bound counts JSON escapes: a naive UTF-8 bound is too small", () => {
  const spec = parseKeySpec({ alphabet: '"\\', length: 100, count: 2 });
  const text = largestAnswerBytes(spec, false);
  const json = largestAnswerBytes(spec, true);
  // Each `"` or `\` is two bytes in JSON; the text bound would be exceeded.
  assert.equal(text, 2 * 101);
  assert.ok(json >= 2 * 200 + 2);
});

Deno.test("an answer of exactly 1 MiB is given; one byte per key more is refused, before any randomness", async () => {
  // 512 keys of 2047 characters and a newline: 512 * 2048 = 1 MiB.
  const fits = keysUrl({ format: "alnum", length: 2047, count: 512 });
  const response = await app.request(fits);
  assert.equal(response.status, 200);
  assert.equal((await response.arrayBuffer()).byteLength, MAX_ANSWER_BYTES);

  for (
    const [query, accept] of [
      [{ format: "alnum", length: 2048, count: 512 }, "text/plain"],
      [{ format: "alnum", length: 2047, count: 512 }, "application/json"],
      [{ count: MAX_API_COUNT, length: 16384 }, "text/plain"],
      [{ count: MAX_API_COUNT, length: 16384, alphabet: EMOJI }, "text/plain"],
    ] as const
  ) {
    let body = "";
    let status = 0;
    const drawn = await randomBytesDrawn(async () => {
      const refused = await app.request(keysUrl(query), {
        headers: { accept },
      });
      status = refused.status;
      body = await refused.text();
    });
    assert.equal(status, 400, JSON.stringify(query));
    const parsed = JSON.parse(body);
    assert.equal(parsed.limit, "maxAnswerBytes");
    assert.match(parsed.error, /above the limit of 1048576 bytes per answer/);
    assert.equal(drawn, 0, "no random byte for a refused query");
  }
});

Deno.test("GET /api/v1/limits reports the bounds the API applies", async () => {
  const limited = await createApp({
    manifest,
    log: () => {},
    rateLimit: { ...DEFAULT_RATE_LIMIT, perMinute: 30, burst: 5 },
  });
  const response = await limited.request("/api/v1/limits");
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), {
    maxAnswerBytes: MAX_ANSWER_BYTES,
    maxCount: MAX_API_COUNT,
    maxKeyLength: 16384,
    rateLimit: { perMinute: 30, burst: 5 },
  });
  const off = await (await app.request("/api/v1/limits")).json();
  assert.equal(off.rateLimit, null);
  const post = await app.request("/api/v1/limits", { method: "POST" });
  assert.equal(post.status, 405);
});

Deno.test("HEAD checks the query and makes no key", async () => {
  let response: Response | undefined;
  const drawn = await randomBytesDrawn(async () => {
    response = await app.request(keysUrl({ count: 1000, length: 1000 }), {
      method: "HEAD",
    });
  });
  assert.equal(response!.status, 200);
  assert.equal(response!.body, null);
  assert.equal(drawn, 0);
  const bad = await app.request(keysUrl({ count: 1001 }), { method: "HEAD" });
  assert.equal(bad.status, 400);
  // The check itself: GET of the same query does draw.
  const get = await randomBytesDrawn(async () => {
    await (await app.request(keysUrl({ count: 1000, length: 1000 }))).text();
  });
  assert.ok(get >= 1000 * 1000 * 0.5, `GET drew ${get} bytes`);
});

for (const accept of ["text/plain", "application/json"]) {
  Deno.test(`a large ${accept} answer is made as the client reads it`, async () => {
    const url = keysUrl({ format: "alnum", length: 900, count: 1000 });
    let response: Response | undefined;
    const before = await randomBytesDrawn(async () => {
      response = await app.request(url, { headers: { accept } });
    });
    const rest = await randomBytesDrawn(async () => {
      const text = await response!.text();
      if (accept === "application/json") {
        assert.equal(JSON.parse(text).length, 1000);
      } else {
        assert.equal(text.split("\n").length, 1001);
      }
    });
    // The first chunk or two (core draws characters into a pool of 64 Ki)
    // before the first read; the rest, most of 900,000 characters, only as
    // the body is read.
    assert.ok(before <= 200_000, `drew ${before} bytes before any read`);
    assert.ok(rest >= 3 * before, `drew ${rest} bytes while reading`);
  });
}

Deno.test("the token bucket lets a burst through, then refills at its rate", () => {
  const limiter = new RateLimiter({
    ...DEFAULT_RATE_LIMIT,
    perMinute: 60,
    burst: 3,
  });
  const t = 1_000_000;
  assert.deepEqual([0, 1, 2].map(() => limiter.take("a", t)), [0, 0, 0]);
  assert.equal(limiter.take("a", t), 1, "one token a second: wait 1 s");
  assert.equal(limiter.take("b", t), 0, "another client has its own bucket");
  assert.ok(limiter.take("a", t + 500) > 0, "half a token is not enough");
  assert.equal(limiter.take("a", t + 1000), 0);
  assert.ok(limiter.take("a", t + 1000) > 0);
  // A long pause fills the bucket to the burst, not beyond.
  const later = t + 3_600_000;
  assert.deepEqual([0, 1, 2, 3].map(() => limiter.take("a", later)), [
    0,
    0,
    0,
    1,
  ]);
  const slow = new RateLimiter({
    ...DEFAULT_RATE_LIMIT,
    perMinute: 2,
    burst: 1,
  });
  slow.take("a", t);
  assert.equal(slow.take("a", t), 30, "Retry-After in whole seconds");
});

Deno.test("the bucket map stays within maxClients, forgetting the least recent", () => {
  const limiter = new RateLimiter({
    ...DEFAULT_RATE_LIMIT,
    perMinute: 60,
    burst: 1,
    maxClients: 100,
  });
  limiter.take("kept", 0);
  for (let i = 0; i < 10_000; i++) {
    limiter.take(`client-${i}`, 0);
    if (i % 50 === 0) limiter.take("kept", 0);
    assert.ok(limiter.size <= 100);
  }
  assert.equal(limiter.size, 100);
  // "kept" was used recently, so it is still remembered (and still empty).
  assert.ok(limiter.take("kept", 0) > 0);
  // "client-0" was forgotten: it starts with a full bucket again.
  assert.equal(limiter.take("client-0", 0), 0);
});

Deno.test("the bucket map forgets exactly the least recently used client, repeats included", () => {
  // Every sequence of up to six uses of three clients, in a map of two:
  // after it, the two clients used last are remembered (their one token is
  // spent) and the third is forgotten (its bucket is full again), whether
  // or not a client was used twice in a row.
  const names = ["a", "b", "c"];
  let sequences: string[][] = [[]];
  const all: string[][] = [];
  for (let length = 1; length <= 6; length++) {
    sequences = sequences.flatMap((head) => names.map((n) => [...head, n]));
    all.push(...sequences);
  }
  const replay = (uses: string[]) => {
    const limiter = new RateLimiter({
      ...DEFAULT_RATE_LIMIT,
      perMinute: 1,
      burst: 1,
      maxClients: 2,
    });
    for (const name of uses) limiter.take(name, 0);
    return limiter;
  };
  for (const uses of all) {
    const recent = [...new Set([...uses].reverse())].slice(0, 2);
    for (const name of names) {
      // A fresh replay per probe: a probe is a use too.
      const limiter = replay(uses);
      assert.ok(limiter.size <= 2);
      assert.equal(
        limiter.take(name, 0) > 0,
        recent.includes(name),
        `${uses.join("")}: is ${name} remembered?`,
      );
    }
  }
});

Deno.test("clientKey uses the peer, an IPv6 /64, and X-Forwarded-For only when trusted", () => {
  const peer = (hostname: string) => ({
    remoteAddr: { transport: "tcp", hostname },
  });
  assert.equal(
    clientKey(peer("203.0.113.7")),
    "203.0.113.7",
  );
  assert.equal(
    clientKey(peer("203.0.113.7"), "1.1.1.1, 198.51.100.1"),
    "198.51.100.1",
  );
  assert.equal(
    clientKey(peer("2001:db8:1:2:3:4:5:6")),
    "2001:db8:1:2::/64",
  );
  assert.equal(
    clientKey(peer("2001:db8:1:2::9")),
    "2001:db8:1:2::/64",
  );
  assert.equal(
    clientKey(peer("2001:db8::1")),
    "2001:db8:0:0::/64",
  );
  assert.equal(
    clientKey(peer("::ffff:192.0.2.1")),
    "192.0.2.1",
  );
  assert.equal(clientKey(undefined), undefined);
});

Deno.test("rateLimitFromEnv reads the README's variables", () => {
  assert.deepEqual(rateLimitFromEnv(() => undefined), DEFAULT_RATE_LIMIT);
  const env: Record<string, string> = {
    KEYMINT_RATE_LIMIT: "600",
    KEYMINT_RATE_BURST: "20",
    KEYMINT_RATE_CLIENTS: "50",
    KEYMINT_TRUST_FORWARDED_FOR: "1",
  };
  assert.deepEqual(rateLimitFromEnv((name) => env[name]), {
    perMinute: 600,
    burst: 20,
    maxClients: 50,
    trustForwardedFor: true,
  });
  assert.equal(
    rateLimitFromEnv((n) => n === "KEYMINT_RATE_LIMIT" ? "0" : undefined),
    undefined,
  );
  assert.throws(
    () =>
      rateLimitFromEnv((n) => n === "KEYMINT_RATE_BURST" ? "ten" : undefined),
    /KEYMINT_RATE_BURST/,
  );
});

Deno.test("the API answers 429 with Retry-After and a JSON error past the burst", async () => {
  const limited = await createApp({
    manifest,
    log: () => {},
    rateLimit: { ...DEFAULT_RATE_LIMIT, perMinute: 6, burst: 2 },
  });
  const ask = (hostname: string, headers: Record<string, string> = {}) =>
    limited.fetch(
      new Request("http://localhost/api/v1/keys", { headers }),
      { remoteAddr: { transport: "tcp", hostname, port: 1 } },
    );
  assert.equal((await ask("192.0.2.1")).status, 200);
  assert.equal((await ask("192.0.2.1")).status, 200);
  const refused = await ask("192.0.2.1", { "x-forwarded-for": "10.9.9.9" });
  assert.equal(refused.status, 429, "a forged X-Forwarded-For does not help");
  assert.equal(refused.headers.get("retry-after"), "10");
  assert.equal(refused.headers.get("cache-control"), "no-store");
  assert.match((await refused.json()).error, /too many requests/);
  assert.equal((await ask("192.0.2.2")).status, 200, "other clients go on");
  const health = await limited.fetch(new Request("http://localhost/healthz"), {
    remoteAddr: { transport: "tcp", hostname: "192.0.2.1", port: 1 },
  });
  assert.equal(health.status, 200, "/healthz is not limited");

  // Behind a trusted proxy every connection comes from the proxy: the last
  // X-Forwarded-For entry, the one the proxy appended, is the client, and
  // whatever the client wrote before it is not.
  const proxied = await createApp({
    manifest,
    log: () => {},
    rateLimit: {
      ...DEFAULT_RATE_LIMIT,
      perMinute: 6,
      burst: 1,
      trustForwardedFor: true,
    },
  });
  const via = (header: string) =>
    proxied.fetch(
      new Request("http://localhost/api/v1/keys", {
        headers: { "x-forwarded-for": header },
      }),
      { remoteAddr: { transport: "tcp", hostname: "10.0.0.2", port: 1 } },
    );
  assert.equal((await via("192.0.2.1, 198.51.100.1")).status, 200);
  assert.equal((await via("192.0.2.9, 198.51.100.1")).status, 429);
  assert.equal((await via("198.51.100.2")).status, 200, "another client");
});
