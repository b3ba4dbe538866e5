import assert from "node:assert/strict";
import {
  formatStandardWebhookKeys,
  importStandardWebhookSigningKey,
  importStandardWebhookVerifyingKey,
} from "../../core/standard_webhook_keys.ts";

// RFC 8032 section 7.1, TEST 1: the private key (seed), its public key and
// the signature of the empty message.
const RFC8032 = {
  seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
  public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
  signature:
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155" +
    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
};

const hex = (text: string) => Uint8Array.fromHex(text);
const b64 = (bytes: Uint8Array) => bytes.toBase64();

// The spec: "base64 encoded, prefixed with whsk_ for the secret key, and
// whpk_ for the public key"; a standard Ed25519 key is RFC 8032's 32 bytes.
const WHSK = `whsk_${b64(hex(RFC8032.seed))}`;
const WHPK = `whpk_${b64(hex(RFC8032.public))}`;

async function generatePair(): Promise<CryptoKeyPair> {
  return await crypto.subtle.generateKey("Ed25519", true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
}

Deno.test("the whsk_/whpk_ strings are the prefix and padded base64 of RFC 8032's 32 bytes", () => {
  assert.equal(WHSK, "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");
  assert.equal(WHPK, "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
});

Deno.test("importStandardWebhookSigningKey() signs RFC 8032 TEST 1 to its signature", async () => {
  const signer = await importStandardWebhookSigningKey(WHSK);
  assert.equal(signer.type, "private");
  assert.equal(signer.extractable, false);
  assert.deepEqual(signer.usages, ["sign"]);
  const signature = await crypto.subtle.sign(
    "Ed25519",
    signer,
    new Uint8Array(),
  );
  assert.equal(new Uint8Array(signature).toHex(), RFC8032.signature);
  const verifier = await importStandardWebhookVerifyingKey(WHPK);
  assert.equal(
    await crypto.subtle.verify(
      "Ed25519",
      verifier,
      hex(RFC8032.signature),
      new Uint8Array(),
    ),
    true,
  );
});

Deno.test("formatStandardWebhookKeys() writes RFC 8032 TEST 1 as the spec's strings", async () => {
  const privateKey = await importStandardWebhookSigningKey(WHSK, {
    extractable: true,
  });
  const publicKey = await importStandardWebhookVerifyingKey(WHPK);
  assert.deepEqual(
    await formatStandardWebhookKeys({ privateKey, publicKey }),
    { signingKey: WHSK, verifyingKey: WHPK },
  );
});

Deno.test("a generated pair round-trips through the strings and still signs and verifies", async () => {
  for (let round = 0; round < 20; round++) {
    const pair = await generatePair();
    const keys = await formatStandardWebhookKeys(pair);
    assert.match(keys.signingKey, /^whsk_[A-Za-z0-9+/]{43}=$/);
    assert.match(keys.verifyingKey, /^whpk_[A-Za-z0-9+/]{43}=$/);
    const privateKey = await importStandardWebhookSigningKey(keys.signingKey, {
      extractable: true,
    });
    const publicKey = await importStandardWebhookVerifyingKey(
      keys.verifyingKey,
    );
    assert.deepEqual(
      await formatStandardWebhookKeys({ privateKey, publicKey }),
      keys,
    );
    const data = new TextEncoder().encode(`msg_${round}.1614265330.{}`);
    const signature = await crypto.subtle.sign("Ed25519", privateKey, data);
    assert.equal(
      await crypto.subtle.verify("Ed25519", pair.publicKey, signature, data),
      true,
    );
    const original = await crypto.subtle.sign("Ed25519", pair.privateKey, data);
    assert.equal(
      await crypto.subtle.verify("Ed25519", publicKey, original, data),
      true,
    );
  }
});

Deno.test("importStandardWebhookSigningKey() reads libsodium's 64-byte form only when its halves agree", async () => {
  const both = `whsk_${b64(hex(RFC8032.seed + RFC8032.public))}`;
  const signer = await importStandardWebhookSigningKey(both);
  const signature = await crypto.subtle.sign(
    "Ed25519",
    signer,
    new Uint8Array(),
  );
  assert.equal(new Uint8Array(signature).toHex(), RFC8032.signature);
  const other = await formatStandardWebhookKeys(await generatePair());
  const wrongHalf = `whsk_${
    b64(
      new Uint8Array([
        ...hex(RFC8032.seed),
        ...Uint8Array.fromBase64(other.verifyingKey.slice(5)),
      ]),
    )
  }`;
  await assert.rejects(
    importStandardWebhookSigningKey(wrongHalf),
    new RangeError(
      "Cannot read the Standard Webhooks signing key: its last 32 bytes are not the public key of its first 32",
    ),
  );
});

const SIGNING = "Cannot read the Standard Webhooks signing key";
const VERIFYING = "Cannot read the Standard Webhooks verifying key";
const NOT_BASE64_SK =
  `${SIGNING}: it is not whsk_ followed by padded standard base64 of an Ed25519 key`;
const NOT_BASE64_PK =
  `${VERIFYING}: it is not whpk_ followed by padded standard base64 of an Ed25519 key`;
const seedB64 = b64(hex(RFC8032.seed));

Deno.test("the importers refuse bad text with a clear error that never repeats the key", async () => {
  const cases: [string, unknown, Error][] = [
    ["sk", 42, new TypeError(`${SIGNING}: expected a string`)],
    [
      "sk",
      seedB64,
      new SyntaxError(`${SIGNING}: it does not start with whsk_`),
    ],
    [
      "sk",
      WHPK,
      new SyntaxError(
        `${SIGNING}: it starts with whpk_, the other half of the pair; expected whsk_`,
      ),
    ],
    [
      "sk",
      `WHSK_${seedB64}`,
      new SyntaxError(`${SIGNING}: it does not start with whsk_`),
    ],
    ["sk", `${WHSK}\n`, new SyntaxError(NOT_BASE64_SK)],
    [
      "sk",
      ` ${WHSK}`,
      new SyntaxError(`${SIGNING}: it does not start with whsk_`),
    ],
    ["sk", WHSK.slice(0, -1), new SyntaxError(NOT_BASE64_SK)],
    ["sk", WHSK.replaceAll("/", "_"), new SyntaxError(NOT_BASE64_SK)],
    [
      "sk",
      "whsk_",
      new RangeError(
        `${SIGNING}: it holds 0 bytes; an Ed25519 private key is 32 (or 64 with its public key)`,
      ),
    ],
    [
      "sk",
      `whsk_${b64(new Uint8Array(31))}`,
      new RangeError(
        `${SIGNING}: it holds 31 bytes; an Ed25519 private key is 32 (or 64 with its public key)`,
      ),
    ],
    [
      "sk",
      `whsk_${b64(new Uint8Array(33))}`,
      new RangeError(
        `${SIGNING}: it holds 33 bytes; an Ed25519 private key is 32 (or 64 with its public key)`,
      ),
    ],
    ["sk", `whsk_${b64(new Uint8Array(67))}`, new SyntaxError(NOT_BASE64_SK)],
    ["sk", `whsk_${"A".repeat(100_000)}`, new SyntaxError(NOT_BASE64_SK)],
    ["pk", null, new TypeError(`${VERIFYING}: expected a string`)],
    [
      "pk",
      WHSK,
      new SyntaxError(
        `${VERIFYING}: it starts with whsk_, the other half of the pair; expected whpk_`,
      ),
    ],
    [
      "pk",
      `whsec_${seedB64}`,
      new SyntaxError(`${VERIFYING}: it does not start with whpk_`),
    ],
    ["pk", `${WHPK.slice(0, -1)}`, new SyntaxError(NOT_BASE64_PK)],
    [
      "pk",
      `whpk_${b64(hex(RFC8032.seed + RFC8032.public))}`,
      new RangeError(
        `${VERIFYING}: it holds 64 bytes; an Ed25519 public key is 32`,
      ),
    ],
  ];
  for (const [which, text, expected] of cases) {
    const run = which === "sk"
      ? importStandardWebhookSigningKey(text as string)
      : importStandardWebhookVerifyingKey(text as string);
    await assert.rejects(
      run,
      expected,
      `${which} ${String(text).slice(0, 20)}`,
    );
  }
});

Deno.test("formatStandardWebhookKeys() refuses what is not an extractable Ed25519 pair", async () => {
  const action = "Cannot write Standard Webhooks keys";
  const sealed = await crypto.subtle.generateKey("Ed25519", false, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const ecdsa = await crypto.subtle.generateKey(
    { name: "ECDSA", namedCurve: "P-256" },
    true,
    ["sign", "verify"],
  );
  const one = await generatePair();
  const two = await generatePair();
  const cases: [unknown, Error][] = [
    [null, new TypeError(`${action}: expected a CryptoKeyPair`)],
    [
      ecdsa,
      new TypeError(
        `${action}: the private key is not an Ed25519 private CryptoKey`,
      ),
    ],
    [
      { privateKey: one.publicKey, publicKey: one.publicKey },
      new TypeError(
        `${action}: the private key is not an Ed25519 private CryptoKey`,
      ),
    ],
    [
      { privateKey: one.privateKey, publicKey: one.privateKey },
      new TypeError(
        `${action}: the public key is not an Ed25519 public CryptoKey`,
      ),
    ],
    [
      sealed,
      new TypeError(
        `${action}: the private key is not extractable; generate it with extractable set to true`,
      ),
    ],
    [
      { privateKey: one.privateKey, publicKey: two.publicKey },
      new TypeError(
        `${action}: the public key does not belong to the private key`,
      ),
    ],
  ];
  for (const [pair, expected] of cases) {
    await assert.rejects(
      formatStandardWebhookKeys(pair as CryptoKeyPair),
      expected,
    );
  }
});

Deno.test("openssl derives the same whpk_ from a whsk_ keymint wrote", async (t) => {
  const openssl = await hasOpenssl();
  if (!openssl) console.log("skipped: openssl is not installed");
  await t.step({
    name: "openssl pkey -pubout",
    ignore: !openssl,
    fn: async () => {
      const keys = await formatStandardWebhookKeys(await generatePair());
      const seed = Uint8Array.fromBase64(keys.signingKey.slice(5));
      const der = new Uint8Array([
        ...hex("302e020100300506032b657004220420"),
        ...seed,
      ]);
      const run = await new Deno.Command("openssl", {
        args: ["pkey", "-inform", "DER", "-pubout", "-outform", "DER"],
        stdin: "piped",
        stdout: "piped",
      }).spawn();
      const writer = run.stdin.getWriter();
      await writer.write(der);
      await writer.close();
      const { code, stdout } = await run.output();
      assert.equal(code, 0);
      assert.equal(`whpk_${b64(stdout.subarray(-32))}`, keys.verifyingKey);
    },
  });
});

async function hasOpenssl(): Promise<boolean> {
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
}
