import assert from "node:assert/strict";
import {
  forgetWebhookKeys,
  signWebhook,
  verifyWebhook,
} from "../../core/webhook.ts";
import {
  cachedKeyCount,
  KEY_CACHE_SIZE,
  KEY_IDLE_MS,
} from "../../core/_webhook_keys.ts";
import { trimSpace } from "../../core/_webhook_headers.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const BODY = '{"type":"ping"}';

/** Counts crypto.subtle.importKey calls while `run` runs. */
async function countImports(run: () => Promise<void>): Promise<number> {
  const original = crypto.subtle.importKey;
  let calls = 0;
  crypto.subtle.importKey = function (
    this: SubtleCrypto,
    ...args: Parameters<SubtleCrypto["importKey"]>
  ) {
    calls++;
    return original.apply(this, args);
  } as SubtleCrypto["importKey"];
  try {
    await run();
  } finally {
    crypto.subtle.importKey = original;
  }
  return calls;
}

Deno.test("verifyWebhook() imports a secret's key once and reuses it", async () => {
  forgetWebhookKeys();
  const headers = await signWebhook("standard", { secret: SECRET, body: BODY });
  const imports = await countImports(async () => {
    for (let i = 0; i < 50; i++) {
      const result = await verifyWebhook("standard", {
        secret: SECRET,
        body: BODY,
        headers,
      });
      assert.equal(result.ok, true);
    }
  });
  assert.equal(imports, 0, "the key signWebhook imported is reused");
  forgetWebhookKeys();
  const again = await countImports(async () => {
    await verifyWebhook("standard", { secret: SECRET, body: BODY, headers });
    await verifyWebhook("standard", { secret: SECRET, body: BODY, headers });
  });
  assert.equal(again, 1, "after forgetWebhookKeys() it is imported again");
});

Deno.test("the key cache holds at most KEY_CACHE_SIZE secrets, oldest out first", async () => {
  forgetWebhookKeys();
  for (let i = 0; i < 3 * KEY_CACHE_SIZE; i++) {
    await signWebhook("github", { secret: `secret-${i}`, body: BODY });
    assert.ok(cachedKeyCount() <= KEY_CACHE_SIZE);
  }
  assert.equal(cachedKeyCount(), KEY_CACHE_SIZE);
  // The newest are kept, the first ones went.
  const newest = await countImports(() =>
    signWebhook("github", {
      secret: `secret-${3 * KEY_CACHE_SIZE - 1}`,
      body: BODY,
    })
      .then(() => {})
  );
  const oldest = await countImports(() =>
    signWebhook("github", { secret: "secret-0", body: BODY }).then(() => {})
  );
  assert.deepEqual([newest, oldest], [0, 1]);
  forgetWebhookKeys();
  assert.equal(cachedKeyCount(), 0);
});

Deno.test("a key unused for KEY_IDLE_MS is dropped at the next call", async () => {
  forgetWebhookKeys();
  const realNow = Date.now;
  const start = realNow();
  let clock = start;
  Date.now = () => clock;
  try {
    await signWebhook("github", { secret: "idle-a", body: BODY });
    await signWebhook("github", { secret: "idle-b", body: BODY });
    assert.equal(cachedKeyCount(), 2);
    clock = start + KEY_IDLE_MS - 1;
    await signWebhook("github", { secret: "idle-b", body: BODY });
    assert.equal(cachedKeyCount(), 2, "not idle long enough yet");
    clock = start + KEY_IDLE_MS;
    await signWebhook("github", { secret: "idle-c", body: BODY });
    assert.equal(cachedKeyCount(), 2, "idle-a went; idle-b was used since");
    clock = start + 3 * KEY_IDLE_MS;
    await signWebhook("github", { secret: "idle-d", body: BODY });
    assert.equal(cachedKeyCount(), 1);
  } finally {
    Date.now = realNow;
    forgetWebhookKeys();
  }
});

Deno.test("a secret that fails to decode is not cached", async () => {
  forgetWebhookKeys();
  await assert.rejects(
    signWebhook("standard", { secret: "whsec_%%%", body: BODY }),
    SyntaxError,
  );
  await assert.rejects(
    signWebhook("standard", { secret: "whsk_AAAA", body: BODY }),
    RangeError,
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(cachedKeyCount(), 0);
});

// --- cost grows linearly with hostile input ----------------------------------

/** Median cost per call of `run(input)`, over interleaved batches. */
async function costRatio(
  run: (input: string) => unknown,
  small: string,
  large: string,
  calls = 20,
): Promise<number> {
  const samples: [number[], number[]] = [[], []];
  const time = async (input: string) => {
    const start = performance.now();
    for (let i = 0; i < calls; i++) await run(input);
    return performance.now() - start;
  };
  await time(small); // warm up
  await time(large);
  for (let round = 0; round < 9; round++) {
    samples[0].push(await time(small));
    samples[1].push(await time(large));
  }
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[values.length >> 1]!;
  return median(samples[1]) / median(samples[0]);
}

// Eight times the input: linear work costs at most about 8x; quadratic 64x.
const LINEAR_BOUND = 24;

function padded(size: number): string {
  return `x${" ".repeat(size - 2)}x`;
}

Deno.test("verifyWebhook() costs linear time in a padded header (8 KiB vs 64 KiB)", async () => {
  const headers = await signWebhook("standard", { secret: SECRET, body: BODY });
  const now = Number(headers["webhook-timestamp"]);
  const verifyWith = (pad: string) =>
    verifyWebhook("standard", {
      secret: SECRET,
      body: BODY,
      headers: { ...headers, "X-Pad": pad },
      now,
    });
  const other = await costRatio(verifyWith, padded(8192), padded(65536));
  assert.ok(other < LINEAR_BOUND, `an unused padded header: ratio ${other}`);
  const signatureWith = (pad: string) =>
    verifyWebhook("standard", {
      secret: SECRET,
      body: BODY,
      headers: {
        ...headers,
        "webhook-signature": `${headers["webhook-signature"]}${pad}`,
      },
      now,
    });
  const own = await costRatio(signatureWith, padded(1024), padded(8192));
  assert.ok(own < LINEAR_BOUND, `the padded signature header: ratio ${own}`);
  const huge = await signatureWith(padded(65536));
  assert.equal(huge.ok ? "ok" : huge.reason, "malformed");
});

Deno.test("verifyWebhook() reads many entries in linear time", async () => {
  const headers = await signWebhook("stripe", { secret: SECRET, body: BODY });
  const now = Number(headers["Stripe-Signature"]!.slice(2, 12));
  const entries = (count: number) =>
    `${headers["Stripe-Signature"]}${`, v0=${"0".repeat(64)}`.repeat(count)}`;
  const run = (value: string) =>
    verifyWebhook("stripe", {
      secret: SECRET,
      body: BODY,
      headers: { "Stripe-Signature": value },
      now,
    });
  const ratio = await costRatio(run, entries(10), entries(80));
  assert.ok(ratio < LINEAR_BOUND, `ratio ${ratio}`);
});

Deno.test("trimSpace() is linear where the old trimming regex was quadratic", async () => {
  const oldTrim = (text: string) => text.replace(/^[ \t]+|[ \t]+$/g, "");
  assert.equal(trimSpace(" \t a b \t"), "a b");
  assert.equal(trimSpace(padded(100)), padded(100));
  assert.equal(trimSpace("   "), "");
  const ours = await costRatio(trimSpace, padded(1024), padded(8192), 200);
  assert.ok(ours < LINEAR_BOUND, `trimSpace ratio ${ours}`);
  // The same measurement catches the flaw it exists for: the regex that
  // verifyWebhook used before scans the run of spaces once per space.
  const old = await costRatio(oldTrim, padded(1024), padded(8192), 1);
  assert.ok(old > LINEAR_BOUND, `the old regex's ratio ${old}`);
});
