/**
 * Cross-checks every key kind and alg with jose (npm): it imports keymint's
 * JWKs, verifies JWTs keymint signs, computes the same thumbprint, and
 * signs JWTs keymint verifies.
 */

import assert from "node:assert/strict";
import * as jose from "jose";
import {
  exportKeyPair,
  generateKeyPair,
  importJwk,
  jwkThumbprint,
  signMessage,
  verifyMessage,
} from "@keymint/core";
import { KIND_ALGS } from "./_keypair_cases.ts";

const CASES = KIND_ALGS;

const b64url = (text: string) =>
  new TextEncoder().encode(text).toBase64({
    alphabet: "base64url",
    omitPadding: true,
  });

for (const [kind, alg] of CASES) {
  Deno.test(`jose imports keymint's ${kind} ${alg} JWK and verifies a JWT keymint signed`, async () => {
    const pair = await generateKeyPair(kind, { alg });
    const out = await exportKeyPair(pair);
    const header = b64url(JSON.stringify({ alg, kid: out.kid, typ: "JWT" }));
    const payload = b64url(JSON.stringify({ sub: "keymint", iat: 1700000000 }));
    const signingInput = `${header}.${payload}`;
    const signature = (await signMessage(pair, signingInput)).toBase64({
      alphabet: "base64url",
      omitPadding: true,
    });
    const jwt = `${signingInput}.${signature}`;

    const publicKey = await jose.importJWK(out.publicJwk, alg);
    const verified = await jose.jwtVerify(jwt, publicKey, {
      algorithms: [alg],
    });
    assert.equal(verified.payload.sub, "keymint");
    assert.equal(verified.protectedHeader.kid, out.kid);
    // The same key through a JWKS, picked by kid.
    const jwks = jose.createLocalJWKSet(out.jwks);
    assert.equal((await jose.jwtVerify(jwt, jwks)).payload.sub, "keymint");
    // The control: a changed payload under the same signature is refused.
    const forged = `${header}.${b64url('{"sub":"mallory"}')}.${signature}`;
    await assert.rejects(jose.jwtVerify(forged, publicKey), /signature/i);

    assert.equal(await jose.calculateJwkThumbprint(out.publicJwk), out.kid);

    // jose signs with keymint's private JWK; keymint verifies.
    const privateKey = await jose.importJWK(out.privateJwk, alg);
    const theirs = await new jose.SignJWT({ sub: "jose" })
      .setProtectedHeader({ alg })
      .sign(privateKey);
    const [h, p, s] = theirs.split(".");
    assert.equal(
      await verifyMessage(
        pair,
        Uint8Array.fromBase64(s!, { alphabet: "base64url" }),
        `${h}.${p}`,
      ),
      true,
    );
  });
}

Deno.test("keymint imports jose's generated JWKs with jose's thumbprint as kid", async () => {
  for (const [kind, alg] of CASES.filter(([, alg]) => alg !== "Ed25519")) {
    const made = await jose.generateKeyPair(alg, { extractable: true });
    const jwk = await jose.exportJWK(made.privateKey);
    const keys = await importJwk(jwk, { alg });
    assert.equal(keys.kind, kind);
    const out = await exportKeyPair({ ...keys, privateKey: keys.privateKey! });
    assert.equal(out.kid, await jose.calculateJwkThumbprint(jwk));
    assert.equal(out.kid, await jwkThumbprint(jwk));
  }
});
