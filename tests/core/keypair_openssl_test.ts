/**
 * Cross-checks every key kind with openssl: it parses keymint's PEM,
 * derives the same public key, verifies keymint's signatures, and makes
 * keys and signatures keymint reads and verifies. Skips without openssl.
 */

import assert from "node:assert/strict";
import {
  exportKeyPair,
  exportPublicPem,
  generateKeyPair,
  importPem,
  importStandardWebhookKey,
  type KeyPairKind,
  signMessage,
  verifyMessage,
} from "@keymint/core";
import { derToRaw, openssl, opensslAvailable, rawToDer } from "./_openssl.ts";

const available = await opensslAvailable();
if (!available) console.log("skipped: openssl is not installed");

interface Case {
  kind: KeyPairKind;
  alg: string;
  bits?: number;
  /** openssl dgst flags for the alg; undefined for Ed25519 (pkeyutl -rawin). */
  dgst?: string[];
  /** The ECDSA half size, for the DER conversion. */
  ecSize?: number;
  /** What `openssl pkey -text` says about the public key. */
  text: RegExp;
  /** `openssl genpkey` arguments for the same kind. */
  genpkey: string[];
}

const pss = (hash: number) => [
  `-sha${hash}`,
  "-sigopt",
  "rsa_padding_mode:pss",
  "-sigopt",
  `rsa_pss_saltlen:${hash / 8}`,
];

const CASES: Case[] = [
  {
    kind: "ed25519",
    alg: "EdDSA",
    text: /ED25519 Public-Key/,
    genpkey: ["-algorithm", "ED25519"],
  },
  {
    kind: "p256",
    alg: "ES256",
    dgst: ["-sha256"],
    ecSize: 32,
    text: /NIST CURVE: P-256/,
    genpkey: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
  },
  {
    kind: "p384",
    alg: "ES384",
    dgst: ["-sha384"],
    ecSize: 48,
    text: /NIST CURVE: P-384/,
    genpkey: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
  },
  {
    kind: "p521",
    alg: "ES512",
    dgst: ["-sha512"],
    ecSize: 66,
    text: /NIST CURVE: P-521/,
    genpkey: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
  },
  {
    kind: "rsa",
    alg: "RS256",
    dgst: ["-sha256"],
    text: /Public-Key: \(2048 bit\)/,
    genpkey: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
  },
  {
    kind: "rsa",
    alg: "PS384",
    bits: 3072,
    dgst: pss(384),
    text: /Public-Key: \(3072 bit\)/,
    genpkey: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
  },
  {
    kind: "rsa",
    alg: "RS512",
    bits: 4096,
    dgst: ["-sha512"],
    text: /Public-Key: \(4096 bit\)/,
    genpkey: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"],
  },
];

const DATA = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJrZXltaW50In0";

/** openssl verifies `signature` (JWS form) over `data.txt` in `dir`. */
async function opensslVerifies(
  dir: string,
  test: Case,
  signature: Uint8Array,
  file = "data.txt",
): Promise<boolean> {
  const der = test.ecSize === undefined ? signature : rawToDer(signature);
  await Deno.writeFile(`${dir}/sig.bin`, der);
  const result = test.dgst === undefined
    ? await openssl(
      dir,
      "pkeyutl",
      "-verify",
      "-pubin",
      "-inkey",
      "public.pem",
      "-rawin",
      "-in",
      file,
      "-sigfile",
      "sig.bin",
    )
    : await openssl(
      dir,
      "dgst",
      ...test.dgst,
      "-verify",
      "public.pem",
      "-signature",
      "sig.bin",
      file,
    );
  return result.success &&
    /Verified|Signature Verified Successfully/.test(result.stdout);
}

/** openssl signs `data.txt` with `private.pem`; the signature in JWS form. */
async function opensslSigns(dir: string, test: Case, file = "data.txt") {
  const result = test.dgst === undefined
    ? await openssl(
      dir,
      "pkeyutl",
      "-sign",
      "-inkey",
      "private.pem",
      "-rawin",
      "-in",
      file,
    )
    : await openssl(dir, "dgst", ...test.dgst, "-sign", "private.pem", file);
  assert.ok(result.success, result.stderr);
  return test.ecSize === undefined
    ? result.bytes
    : derToRaw(result.bytes, test.ecSize);
}

for (const test of CASES) {
  const name = `${test.kind} ${test.alg}${test.bits ? ` ${test.bits}` : ""}`;

  Deno.test({
    name:
      `openssl reads keymint's ${name} PEM, derives its public key and verifies its signatures`,
    ignore: !available,
    async fn() {
      const dir = await Deno.makeTempDir();
      try {
        const pair = await generateKeyPair(test.kind, {
          alg: test.alg,
          ...(test.bits ? { bits: test.bits } : {}),
        });
        const out = await exportKeyPair(pair);
        await Deno.writeTextFile(`${dir}/private.pem`, out.privatePem);
        await Deno.writeTextFile(`${dir}/public.pem`, out.publicPem);
        await Deno.writeTextFile(`${dir}/data.txt`, DATA);
        await Deno.writeTextFile(`${dir}/other.txt`, DATA + ".");

        const derived = await openssl(
          dir,
          "pkey",
          "-in",
          "private.pem",
          "-pubout",
        );
        assert.ok(derived.success, derived.stderr);
        assert.equal(derived.stdout, out.publicPem);
        const text = await openssl(
          dir,
          "pkey",
          "-pubin",
          "-in",
          "public.pem",
          "-noout",
          "-text",
        );
        assert.match(text.stdout, test.text);

        const signature = await signMessage(pair, DATA);
        assert.equal(await opensslVerifies(dir, test, signature), true);
        // The control: openssl refuses the same signature over other bytes.
        assert.equal(
          await opensslVerifies(dir, test, signature, "other.txt"),
          false,
        );

        const theirs = await opensslSigns(dir, test);
        assert.equal(await verifyMessage(pair, theirs, DATA), true);
        assert.equal(await verifyMessage(pair, theirs, DATA + "."), false);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });

  Deno.test({
    name:
      `keymint reads an openssl genpkey ${name} key and derives openssl's public key`,
    ignore: !available,
    async fn() {
      const dir = await Deno.makeTempDir();
      try {
        const made = await openssl(
          dir,
          "genpkey",
          ...test.genpkey,
          "-out",
          "private.pem",
        );
        assert.ok(made.success, made.stderr);
        const publicPem =
          (await openssl(dir, "pkey", "-in", "private.pem", "-pubout")).stdout;
        const keys = await importPem(
          await Deno.readTextFile(`${dir}/private.pem`),
          { alg: test.alg },
        );
        assert.equal(keys.kind, test.kind);
        assert.equal(await exportPublicPem(keys), publicPem);
        const fromPublic = await importPem(publicPem, { alg: test.alg });
        assert.equal(fromPublic.bits, keys.bits);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

Deno.test({
  name:
    "openssl verifies a v1a signature over the Standard Webhooks signing string, and signs one keymint verifies",
  ignore: !available,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const out = await exportKeyPair(await generateKeyPair("ed25519"));
      const { signingKey, verifyingKey } = out.standardWebhooks!;
      const signer = await importStandardWebhookKey(signingKey);
      const verifier = await importStandardWebhookKey(verifyingKey);
      // {id}.{timestamp}.{body}, as the Standard Webhooks spec signs.
      const content =
        `msg_2KWPBgLlAfxdpx2AI54pPJ85f4W.1674087231.{"type":"ping"}`;
      await Deno.writeTextFile(
        `${dir}/public.pem`,
        await exportPublicPem(verifier),
      );
      await Deno.writeTextFile(`${dir}/private.pem`, out.privatePem);
      await Deno.writeTextFile(`${dir}/data.txt`, content);
      const ed25519: Case = CASES[0]!;
      const signature = await signMessage(signer, content);
      assert.equal(await opensslVerifies(dir, ed25519, signature), true);
      assert.equal(
        await verifyMessage(
          verifier,
          await opensslSigns(dir, ed25519),
          content,
        ),
        true,
      );
      // The control: a signature over a changed timestamp fails.
      assert.equal(
        await verifyMessage(
          verifier,
          signature,
          content.replace("1674087231", "1674087232"),
        ),
        false,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
