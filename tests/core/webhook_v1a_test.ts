import assert from "node:assert/strict";
import {
  formatStandardWebhookKeys,
  signWebhook,
  verifyWebhook,
  type WebhookVerification,
} from "../../core/mod.ts";

const ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const T = 1614265330;
const BODY = '{"test": 2432232314}';
const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const V1 = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
// RFC 8032 section 7.1 TEST 1 as Standard Webhooks keys.
const WHSK = "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
const WHPK = "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
const SPKI_HEAD = "302a300506032b6570032100";
const PKCS8_HEAD = "302e020100300506032b657004220420";

async function newKeys() {
  const pair = await crypto.subtle.generateKey("Ed25519", true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  return await formatStandardWebhookKeys(pair);
}

function headersOf(signature: string): Record<string, string> {
  return {
    "webhook-id": ID,
    "webhook-timestamp": String(T),
    "webhook-signature": signature,
  };
}

function verify(
  secret: string | string[],
  signature: string,
  body = BODY,
): Promise<WebhookVerification> {
  return verifyWebhook("standard", {
    secret,
    body,
    headers: headersOf(signature),
    now: T,
  });
}

Deno.test("signWebhook() with a whsk_ key sends v1a and the Ed25519 signature of id.timestamp.body", async () => {
  const headers = await signWebhook("standard", {
    secret: WHSK,
    body: BODY,
    id: ID,
    timestamp: T,
  });
  const signature = headers["webhook-signature"]!;
  assert.match(signature, /^v1a,[A-Za-z0-9+/]{86}==$/);
  const publicKey = await crypto.subtle.importKey(
    "raw",
    Uint8Array.fromBase64(WHPK.slice(5)),
    "Ed25519",
    false,
    ["verify"],
  );
  const signed = new TextEncoder().encode(`${ID}.${T}.${BODY}`);
  assert.equal(
    await crypto.subtle.verify(
      "Ed25519",
      publicKey,
      Uint8Array.fromBase64(signature.slice(4)),
      signed,
    ),
    true,
  );
  const result = await verify(WHPK, signature);
  assert.deepEqual(result, {
    ok: true,
    scheme: "standard",
    signature,
    secretIndex: 0,
    timestamp: T,
    id: ID,
  });
});

Deno.test("verifyWebhook() with a whpk_ key rejects a changed body and another pair's key", async () => {
  const headers = await signWebhook("standard", {
    secret: WHSK,
    body: BODY,
    id: ID,
    timestamp: T,
  });
  const signature = headers["webhook-signature"]!;
  const changed = await verify(WHPK, signature, BODY + " ");
  assert.deepEqual(
    changed.ok ? "ok" : [changed.reason, changed.message],
    ["mismatch", "the v1a signature does not match the secret and this body"],
  );
  const other = await newKeys();
  const wrong = await verify(other.verifyingKey, signature);
  assert.equal(wrong.ok ? "ok" : wrong.reason, "mismatch");
});

Deno.test("during a rotation a header carries v1 and v1a entries and either key verifies", async () => {
  const headers = await signWebhook("standard", {
    secret: [WHSEC, WHSK],
    body: BODY,
    id: ID,
    timestamp: T,
  });
  const signature = headers["webhook-signature"]!;
  const [v1, v1a] = signature.split(" ");
  assert.equal(v1, V1);
  assert.match(v1a!, /^v1a,/);
  const byHmac = await verify(WHSEC, signature);
  assert.deepEqual(byHmac.ok && [byHmac.signature, byHmac.secretIndex], [
    V1,
    0,
  ]);
  const byEd = await verify(WHPK, signature);
  assert.deepEqual(byEd.ok && [byEd.signature, byEd.secretIndex], [v1a, 0]);
  const both = await verify([WHPK, WHSEC], signature);
  assert.deepEqual(both.ok && [both.signature, both.secretIndex], [v1a, 0]);
  // Only the v1a entry left: the HMAC secret finds nothing of its form.
  const onlyV1a = await verify(WHSEC, v1a!);
  assert.deepEqual(onlyV1a.ok ? "ok" : [onlyV1a.reason, onlyV1a.message], [
    "malformed",
    `the "webhook-signature" header has no signature of the form v1,<base64 of 32 bytes>`,
  ]);
  const none = await verify([WHSEC, WHPK], "v2,abc");
  assert.deepEqual(none.ok ? "ok" : [none.reason, none.message], [
    "malformed",
    `the "webhook-signature" header has no signature of the form v1,<base64 of 32 bytes> or v1a,<base64 of 64 bytes>`,
  ]);
  const neither = await verify(
    [WHSEC, WHPK],
    `${V1.slice(0, -2)}A= v1a,${btoa("n".repeat(64))}`,
  );
  assert.deepEqual(neither.ok ? "ok" : [neither.reason, neither.message], [
    "mismatch",
    "none of the 2 v1 or v1a signatures matches any of the 2 secrets with this body",
  ]);
});

Deno.test("v1a entries are checked at most ten at a time and must be 64 bytes", async () => {
  const junk = `v1a,${btoa("j".repeat(64))}`;
  const good = (await signWebhook("standard", {
    secret: WHSK,
    body: BODY,
    id: ID,
    timestamp: T,
  }))["webhook-signature"]!;
  const tenJunk = Array(10).fill(junk).join(" ");
  const late = await verify(WHPK, `${tenJunk} ${good}`);
  assert.deepEqual(late.ok ? "ok" : [late.reason, late.message], [
    "mismatch",
    "none of the 10 v1a signatures matches the secret and this body",
  ]);
  const early = await verify(WHPK, `${good} ${tenJunk}`);
  assert.equal(early.ok, true);
  const short = await verify(WHPK, `v1a,${btoa("s".repeat(32))}`);
  assert.equal(short.ok ? "ok" : short.reason, "malformed");
});

Deno.test("the halves of a pair are refused where the other belongs", async () => {
  await assert.rejects(
    signWebhook("standard", { secret: WHPK, body: BODY }),
    new TypeError(
      "Cannot sign a Standard Webhooks webhook: the secret is a whpk_ verifying key; sign with the whsk_ signing key",
    ),
  );
  await assert.rejects(
    verify([WHSEC, WHSK], V1),
    new TypeError(
      "Cannot verify a Standard Webhooks webhook: secret 2 is a whsk_ signing key; verify with its whpk_ verifying key",
    ),
  );
  await assert.rejects(
    signWebhook("standard", { secret: "whsk_AAAA", body: BODY }),
    new RangeError(
      "Cannot sign a Standard Webhooks webhook: the secret: it holds 3 bytes; an Ed25519 private key is 32 (or 64 with its public key)",
    ),
  );
});

// --- openssl, an independent Ed25519 ----------------------------------------

const OPENSSL = await (async () => {
  try {
    const { code } = await new Deno.Command("openssl", {
      args: ["version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return code === 0;
  } catch {
    return false;
  }
})();
if (!OPENSSL) console.log("skipped: openssl is not installed");

async function openssl(args: string[]): Promise<Uint8Array> {
  const { code, stdout, stderr } = await new Deno.Command("openssl", {
    args,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return stdout;
}

function pem(label: string, der: Uint8Array): string {
  const lines = der.toBase64().match(/.{1,64}/g)!.join("\n");
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

Deno.test({
  name:
    "openssl verifies the v1a signatures keymint makes over the signing string",
  ignore: !OPENSSL,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const keys = await newKeys();
      const body = '{"type":"user.created","data":{"id":"é"}}';
      const headers = await signWebhook("standard", {
        secret: keys.signingKey,
        body,
        id: ID,
        timestamp: T,
      });
      const raw = Uint8Array.fromBase64(keys.verifyingKey.slice(5));
      const der = new Uint8Array([...Uint8Array.fromHex(SPKI_HEAD), ...raw]);
      await Deno.writeTextFile(`${dir}/pub.pem`, pem("PUBLIC KEY", der));
      await Deno.writeTextFile(`${dir}/msg`, `${ID}.${T}.${body}`);
      await Deno.writeFile(
        `${dir}/sig`,
        Uint8Array.fromBase64(headers["webhook-signature"]!.slice(4)),
      );
      const out = await openssl([
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        `${dir}/pub.pem`,
        "-rawin",
        "-in",
        `${dir}/msg`,
        "-sigfile",
        `${dir}/sig`,
      ]);
      assert.match(
        new TextDecoder().decode(out),
        /Signature Verified Successfully/,
      );
      // And a signature over anything else is refused by openssl too.
      await Deno.writeTextFile(`${dir}/msg`, `${ID}.${T + 1}.${body}`);
      const { code } = await new Deno.Command("openssl", {
        args: [
          "pkeyutl",
          "-verify",
          "-pubin",
          "-inkey",
          `${dir}/pub.pem`,
          "-rawin",
          "-in",
          `${dir}/msg`,
          "-sigfile",
          `${dir}/sig`,
        ],
        stdout: "null",
        stderr: "null",
      }).output();
      assert.notEqual(code, 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "keymint verifies v1a signatures openssl makes, and signs them byte for byte alike",
  ignore: !OPENSSL,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const key = `${dir}/key.pem`;
      await openssl(["genpkey", "-algorithm", "ed25519", "-out", key]);
      const pkcs8 = await openssl(["pkey", "-in", key, "-outform", "DER"]);
      const spki = await openssl([
        "pkey",
        "-in",
        key,
        "-pubout",
        "-outform",
        "DER",
      ]);
      assert.equal(pkcs8.subarray(0, 16).toHex(), PKCS8_HEAD);
      const whsk = `whsk_${pkcs8.subarray(16).toBase64()}`;
      const whpk = `whpk_${spki.subarray(-32).toBase64()}`;
      const body = '{"type":"invoice.paid","amount":1200}';
      await Deno.writeTextFile(`${dir}/msg`, `${ID}.${T}.${body}`);
      const signature = await openssl([
        "pkeyutl",
        "-sign",
        "-inkey",
        key,
        "-rawin",
        "-in",
        `${dir}/msg`,
      ]);
      assert.equal(signature.length, 64);
      const entry = `v1a,${signature.toBase64()}`;
      const result = await verify(whpk, entry, body);
      assert.deepEqual(result.ok && result.signature, entry);
      const tampered = await verify(whpk, entry, body.replace("1200", "1201"));
      assert.equal(tampered.ok ? "ok" : tampered.reason, "mismatch");
      // Ed25519 is deterministic: keymint's signature with the same key is
      // the same bytes.
      const ours = await signWebhook("standard", {
        secret: whsk,
        body,
        id: ID,
        timestamp: T,
      });
      assert.equal(ours["webhook-signature"], entry);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
