import assert from "node:assert/strict";
import { withEngine } from "./_webhook_fixtures.ts";
import {
  type HmacEngine,
  hmacEngine,
  NOBLE_MAX_BYTES,
  useHmacEngine,
} from "../../core/_hmac.ts";
import {
  signWebhook,
  verifyWebhook,
  type WebhookScheme,
} from "../../core/webhook.ts";

const SECRETS: Record<WebhookScheme, string> = {
  standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  github: "It's a Secret to Everybody",
  stripe: "whsec_keymint_example_not_a_real_secret",
};
const TIMESTAMP = 1_700_000_000;
const BODIES: (string | Uint8Array<ArrayBuffer>)[] = [
  "",
  '{"type":"ping"}',
  "é\u{1F600} and a lone \ud800 surrogate",
  new Uint8Array([0xff, 0xfe, 0x00, 0x80]),
  "x".repeat(NOBLE_MAX_BYTES + 10),
];

/** The signature header each scheme writes, for flipping a bit in. */
const SIGNATURE_HEADER: Record<WebhookScheme, string> = {
  standard: "webhook-signature",
  github: "X-Hub-Signature-256",
  stripe: "Stripe-Signature",
};

/** {@linkcode withEngine}, checking first that the engine took. */
function onEngine<T>(engine: HmacEngine, run: () => Promise<T>): Promise<T> {
  return withEngine(engine, () => {
    assert.equal(hmacEngine(), engine);
    return run();
  });
}

function sign(scheme: WebhookScheme, body: string | Uint8Array<ArrayBuffer>) {
  return signWebhook(scheme, {
    secret: SECRETS[scheme],
    body,
    ...(scheme === "github" ? {} : { timestamp: TIMESTAMP }),
    ...(scheme === "standard" ? { id: "msg_engines" } : {}),
  });
}

function verify(
  scheme: WebhookScheme,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string>,
) {
  return verifyWebhook(scheme, {
    secret: SECRETS[scheme],
    body,
    headers,
    ...(scheme === "github" ? {} : { now: TIMESTAMP }),
  });
}

/** The header with one bit of its signature's first byte flipped. */
function flipOneBit(
  scheme: WebhookScheme,
  headers: Record<string, string>,
): Record<string, string> {
  const name = SIGNATURE_HEADER[scheme];
  const value = headers[name]!;
  let changed: string;
  if (scheme === "standard") {
    const bytes = Uint8Array.fromBase64(value.slice(3));
    bytes[0]! ^= 1;
    changed = `v1,${bytes.toBase64()}`;
  } else {
    const at = value.lastIndexOf("=") + 1;
    const bytes = Uint8Array.fromHex(value.slice(at));
    bytes[0]! ^= 1;
    changed = value.slice(0, at) + bytes.toHex();
  }
  assert.notEqual(changed, value);
  return { ...headers, [name]: changed };
}

function flipBodyBit(
  body: string | Uint8Array<ArrayBuffer>,
): string | Uint8Array<ArrayBuffer> {
  if (typeof body !== "string") {
    const bytes = body.length === 0 ? new Uint8Array(1) : new Uint8Array(body);
    bytes[0]! ^= 1;
    return bytes;
  }
  if (body === "") return "\x01";
  return String.fromCharCode(body.charCodeAt(0) ^ 1) + body.slice(1);
}

/** Runs `script` in a fresh Deno process and gives its stdout. */
async function runFresh(script: string): Promise<string> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    cwd: new URL("../../", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(new TextDecoder().decode(output.stderr), "");
  return new TextDecoder().decode(output.stdout).trim();
}

const CORE = (file: string) =>
  JSON.stringify(new URL(`../../core/${file}`, import.meta.url).href);

Deno.test("useHmacEngine() finds the runtime's native HMAC in Deno, and forces either engine", () => {
  useHmacEngine("native");
  try {
    assert.equal(hmacEngine(), "native");
    useHmacEngine("noble");
    assert.equal(hmacEngine(), "noble");
  } finally {
    useHmacEngine(undefined);
  }
});

Deno.test("hmacEngine() falls back to @noble/hashes where there is no process object", async () => {
  const script = `delete globalThis.process;
const { hmacEngine, prepareHmac, useHmacEngine } = await import(${
    CORE("_hmac.ts")
  });
useHmacEngine("native");
const mac = prepareHmac("Jefe").mac("", "what do ya want for nothing?");
console.log(hmacEngine(), mac.toHex());`;
  assert.equal(
    await runFresh(script),
    // RFC 4231 test case 2.
    "noble 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
});

Deno.test("keys start on @noble/hashes and move to the native engine once the process has made NATIVE_AFTER_MACS MACs", async () => {
  const script = `const { signWebhook, verifyWebhook } = await import(${
    CORE("webhook.ts")
  });
const { hmacEngine, NATIVE_AFTER_MACS } = await import(${CORE("_hmac.ts")});
const { cachedKeyEngines } = await import(${CORE("_webhook_keys.ts")});
const secret = "It's a Secret to Everybody";
const body = "Hello, World!";
const headers = await signWebhook("github", { secret, body });
const check = async () => (await verifyWebhook("github", { secret, body, headers })).ok;
const seen = [await check(), hmacEngine(), ...cachedKeyEngines()];
let ok = true;
// Signing made the first MAC and the first check the second.
for (let i = 2; i < NATIVE_AFTER_MACS; i++) ok &&= await check();
seen.push(ok, hmacEngine(), ...cachedKeyEngines());
await check();
await new Promise((resolve) => setTimeout(resolve, 0));
seen.push(await check(), ...cachedKeyEngines());
console.log(seen.join(" "));`;
  assert.equal(
    await runFresh(script),
    "true noble noble true native noble true native",
  );
});

Deno.test("the native and @noble/hashes engines sign and verify alike for every scheme", async () => {
  for (const scheme of ["standard", "github", "stripe"] as const) {
    for (const body of BODIES) {
      const label = `${scheme}, body of ${body.length}`;
      const native = await onEngine("native", () => sign(scheme, body));
      const noble = await onEngine("noble", () => sign(scheme, body));
      assert.deepEqual(native, noble, label);
      for (const engine of ["native", "noble"] as const) {
        await onEngine(engine, async () => {
          const ok = await verify(scheme, body, native);
          assert.equal(ok.ok, true, `${label}, ${engine}`);
        });
      }
    }
  }
});

Deno.test("both engines refuse a signature or a body with one bit changed", async () => {
  for (const scheme of ["standard", "github", "stripe"] as const) {
    for (const body of BODIES) {
      const label = `${scheme}, body of ${body.length}`;
      const headers = await sign(scheme, body);
      for (const engine of ["native", "noble"] as const) {
        await onEngine(engine, async () => {
          const badSignature = await verify(
            scheme,
            body,
            flipOneBit(scheme, headers),
          );
          assert.equal(
            badSignature.ok ? "ok" : badSignature.reason,
            "mismatch",
            `${label}, ${engine}, signature`,
          );
          const badBody = await verify(scheme, flipBodyBit(body), headers);
          assert.equal(
            badBody.ok ? "ok" : badBody.reason,
            "mismatch",
            `${label}, ${engine}, body`,
          );
        });
      }
    }
  }
});
