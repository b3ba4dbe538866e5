import assert from "node:assert/strict";
import {
  exportKeyPair,
  exportPrivateJwk,
  exportPrivatePem,
  exportPublicJwk,
  exportPublicPem,
  generateKeyPair,
  importJwk,
  importJwks,
  importPem,
  importStandardWebhookKey,
  jwkThumbprint,
  type KeyPairKind,
  type KeyPairOptions,
  signMessage,
  verifyMessage,
} from "@keymint/core";
import { KIND_ALGS } from "./_keypair_cases.ts";

const CASES = KIND_ALGS;

Deno.test("jwkThumbprint() gives RFC 7638 section 3.1's example thumbprint", async () => {
  const jwk = {
    kty: "RSA",
    n: "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    e: "AQAB",
    alg: "RS256",
    kid: "2011-04-29",
  };
  assert.equal(
    await jwkThumbprint(jwk),
    "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
  );
  // The control: one changed character of n changes the thumbprint, and
  // members outside the required set (alg, kid) do not.
  assert.notEqual(
    await jwkThumbprint({ ...jwk, n: "1" + jwk.n.slice(1) }),
    "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
  );
  assert.equal(
    await jwkThumbprint({ kty: "RSA", n: jwk.n, e: jwk.e }),
    await jwkThumbprint(jwk),
  );
});

/** RFC 8037 appendix A.1 (key), A.3 (thumbprint) and A.4 (signature). */
const RFC8037 = {
  jwk: {
    kty: "OKP",
    crv: "Ed25519",
    d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
  },
  thumbprint: "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
  signingInput: "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc",
  signature:
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
};

Deno.test("RFC 8037 appendix A: the Ed25519 key, its thumbprint and its signature", async () => {
  const keys = await importJwk(RFC8037.jwk);
  assert.equal(keys.kind, "ed25519");
  assert.equal(keys.alg, "EdDSA");
  const publicJwk = await exportPublicJwk(keys);
  // A.2: the public key is derived from d, and equals the x given.
  assert.equal(publicJwk.x, RFC8037.jwk.x);
  assert.equal(publicJwk.kid, RFC8037.thumbprint);
  assert.equal(await jwkThumbprint(RFC8037.jwk), RFC8037.thumbprint);
  const signature = await signMessage(keys, RFC8037.signingInput);
  assert.equal(
    signature.toBase64({ alphabet: "base64url", omitPadding: true }),
    RFC8037.signature,
  );
  assert.equal(
    await verifyMessage(keys, signature, RFC8037.signingInput),
    true,
  );
  // The control: a flipped bit in the signed text fails.
  assert.equal(
    await verifyMessage(keys, signature, RFC8037.signingInput + "A"),
    false,
  );
});

Deno.test("every kind and alg round-trips through JWK, PEM and JWKS with the same kid", async () => {
  for (const [kind, alg] of CASES) {
    const pair = await generateKeyPair(kind, { alg });
    const out = await exportKeyPair(pair);
    assert.equal(out.alg, alg);
    assert.equal(out.publicJwk.use, "sig");
    assert.equal(out.kid, await jwkThumbprint(out.publicJwk));
    assert.equal(out.kid, await jwkThumbprint(out.privateJwk));
    assert.deepEqual(out.jwks, { keys: [out.publicJwk] });
    assert.equal("d" in out.publicJwk, false, kind);

    const fromJwk = await importJwk(JSON.stringify(out.privateJwk));
    assert.equal(fromJwk.alg, alg);
    assert.deepEqual(
      await exportPrivateJwk({ ...fromJwk, privateKey: fromJwk.privateKey! }),
      out.privateJwk,
    );
    const fromPem = await importPem(out.privatePem, { alg });
    assert.equal(fromPem.bits, out.bits);
    assert.equal(
      await exportPrivatePem({ ...fromPem, privateKey: fromPem.privateKey! }),
      out.privatePem,
    );
    assert.equal(await exportPublicPem(fromPem), out.publicPem);
    const [fromJwks] = await importJwks(out.jwks);
    assert.equal(fromJwks!.privateKey, null);

    // Signatures made by one import verify under another.
    const signature = await signMessage(fromPem, "payload");
    assert.equal(await verifyMessage(fromJwks!, signature, "payload"), true);
    assert.equal(await verifyMessage(fromJwks!, signature, "payloaD"), false);
  }
});

Deno.test("generateKeyPair() makes RSA of 2048, 3072 and 4096 bits, 2048 by default", async () => {
  assert.equal((await generateKeyPair("rsa")).bits, 2048);
  for (const bits of [3072, 4096]) {
    const pair = await generateKeyPair("rsa", { bits });
    const jwk = await exportPublicJwk(pair);
    // The modulus is exactly `bits` long: base64url of bits / 8 bytes.
    assert.equal(jwk.n!.length, Math.ceil(bits / 8 * 4 / 3), String(bits));
    assert.equal(pair.bits, bits);
  }
});

Deno.test("generateKeyPair() refuses bad kinds, sizes and mismatched algs with clear errors", async () => {
  const table: [string, KeyPairOptions, ErrorConstructor, RegExp][] = [
    ["rsa", { bits: 1024 }, RangeError, /RSA below 2048 bits is refused/],
    ["rsa", { bits: 2047 }, RangeError, /below 2048/],
    ["rsa", { bits: 8192 }, RangeError, /must be 2048, 3072, 4096, not 8192/],
    ["rsa", { bits: 2048.5 }, TypeError, /whole number/],
    ["p256", { bits: 384 }, RangeError, /always 256 bits/],
    ["p256", { alg: "RS256" }, TypeError, /RS256 does not fit a p256 key/],
    ["ed25519", { alg: "ES256" }, TypeError, /does not fit a ed25519 key/],
    ["rsa", { alg: "EdDSA" }, TypeError, /does not fit a rsa key/],
    ["p384", { alg: "ES256" }, TypeError, /use ES384/],
    ["rsa", { alg: "HS256" }, TypeError, /unknown alg "HS256"/],
    ["ed2551", {}, TypeError, /unknown kind "ed2551", did you mean "ed25519"/],
    ["x25519", {}, TypeError, /unknown kind/],
  ];
  for (const [kind, options, type, message] of table) {
    await assert.rejects(
      generateKeyPair(kind as KeyPairKind, options),
      (error: Error) => error instanceof type && message.test(error.message),
      `${kind} ${JSON.stringify(options)}`,
    );
  }
  // A fixed-size kind accepts its own size.
  assert.equal((await generateKeyPair("p521", { bits: 521 })).bits, 521);
});

Deno.test("the importers refuse bad input without echoing key material", async () => {
  const pair = await exportKeyPair(await generateKeyPair("p256"));
  const d = pair.privateJwk.d;
  const rsa = await exportKeyPair(await generateKeyPair("rsa"));
  const otherRsa = await exportKeyPair(await generateKeyPair("rsa"));
  const table: [() => Promise<unknown>, ErrorConstructor, RegExp][] = [
    [
      () => importJwk({ ...rsa.privateJwk, n: otherRsa.publicJwk.n }),
      SyntaxError,
      /not a valid rsa key/,
    ],
    [
      () => importJwk({ ...pair.publicJwk, x: pair.publicJwk.y! }),
      SyntaxError,
      /not a valid p256 key/,
    ],
    [() => importJwk("{nope"), SyntaxError, /not JSON/],
    [() => importJwk("[1]"), TypeError, /JSON object/],
    [() => importJwk({ kty: "oct", k: "AAAA" }), TypeError, /keymint reads/],
    [
      () => importJwk({ ...pair.privateJwk, d: d.slice(1) }),
      SyntaxError,
      /member d must be 43 base64url characters for P-256/,
    ],
    [
      () => importJwk({ ...pair.publicJwk, x: "AAAA" }),
      SyntaxError,
      /member x must be 43/,
    ],
    [
      () => importJwk(pair.publicJwk, { alg: "ES384" }),
      TypeError,
      /differs from the alg ES384/,
    ],
    [
      () => importJwk({ ...pair.publicJwk, alg: "RS256" }),
      TypeError,
      /does not fit a p256 key/,
    ],
    [() => importJwks({ kids: [] }), SyntaxError, /no keys array/],
    [
      () => importJwks({ keys: Array(65).fill(pair.publicJwk) }),
      RangeError,
      /more than 64 keys/,
    ],
    [() => importPem("no pem here"), SyntaxError, /no -----BEGIN/],
    [
      () =>
        importPem("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----"),
      SyntaxError,
      /not base64/,
    ],
    [
      () =>
        importPem("-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----"),
      SyntaxError,
      /not a PKCS#8 or SPKI/,
    ],
    [
      () =>
        importPem(pair.privatePem.replaceAll("PRIVATE KEY", "EC PRIVATE KEY")),
      SyntaxError,
      /openssl pkcs8 -topk8/,
    ],
    [
      () => importPem(pair.publicPem.replaceAll("PUBLIC", "OTHER")),
      SyntaxError,
      /is not PRIVATE KEY/,
    ],
    [
      () => importPem(pair.publicPem, { alg: "EdDSA" }),
      TypeError,
      /does not fit a p256 key/,
    ],
    [() => importPem("x".repeat(20000)), RangeError, /over 16384/],
    [() => importStandardWebhookKey("whsk_nope"), RangeError, /holds 3 bytes/],
  ];
  for (const [call, type, message] of table) {
    await assert.rejects(call, (error: Error) => {
      assert.ok(error instanceof type, `${error.name}: ${error.message}`);
      assert.match(error.message, message);
      assert.equal(error.message.includes(d.slice(2, 14)), false);
      return true;
    });
  }
});

Deno.test("importPem() reads a private key's public half from the private key itself", async () => {
  // A tampered public point in the JWK is ignored: the public key comes
  // from d, so the thumbprint is the real key's.
  const out = await exportKeyPair(await generateKeyPair("ed25519"));
  const other = await exportKeyPair(await generateKeyPair("ed25519"));
  const keys = await importJwk({ ...out.privateJwk, x: other.publicJwk.x });
  assert.equal((await exportPublicJwk(keys)).kid, out.kid);
});

Deno.test("Standard Webhooks keys come only with Ed25519 and round-trip to the same key", async () => {
  for (const kind of ["p256", "rsa"] as const) {
    assert.equal(
      (await exportKeyPair(await generateKeyPair(kind))).standardWebhooks,
      null,
    );
  }
  const out = await exportKeyPair(await generateKeyPair("ed25519"));
  const { signingKey, verifyingKey } = out.standardWebhooks!;
  assert.match(signingKey, /^whsk_[A-Za-z0-9+/]{43}=$/);
  assert.match(verifyingKey, /^whpk_[A-Za-z0-9+/]{43}=$/);
  const signer = await importStandardWebhookKey(signingKey);
  const verifier = await importStandardWebhookKey(verifyingKey);
  assert.deepEqual(await exportPublicJwk(verifier), out.publicJwk);
  assert.deepEqual(
    await exportPrivateJwk({ ...signer, privateKey: signer.privateKey! }),
    out.privateJwk,
  );
  // whpk_ is the raw public key, the same bytes as the JWK's x.
  assert.equal(
    Uint8Array.fromBase64(verifyingKey.slice(5)).toBase64({
      alphabet: "base64url",
      omitPadding: true,
    }),
    out.publicJwk.x,
  );
  const signature = await signMessage(signer, "msg_1.1614265330.{}");
  assert.equal(
    await verifyMessage(verifier, signature, "msg_1.1614265330.{}"),
    true,
  );
});

Deno.test("signMessage() refuses keys without a private key", async () => {
  const [keys] = await importJwks(
    (await exportKeyPair(await generateKeyPair("ed25519"))).jwks,
  );
  await assert.rejects(signMessage(keys!, "x"), /no private key/);
});
