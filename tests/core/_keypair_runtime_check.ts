/**
 * The key-pair operations, run in another runtime (Node.js, Bun) from a
 * bundle: prints one JSON object mapping each case to "ok" or its error.
 * Web APIs only, like core.
 *
 * @module
 */

import {
  exportKeyPair,
  exportPrivateJwk,
  generateKeyPair,
  importJwk,
  importJwks,
  importPem,
  importStandardWebhookKey,
  jwkThumbprint,
  type KeyPairKind,
  signMessage,
  verifyMessage,
} from "../../core/keypair_exports.ts";

const CASES: readonly [KeyPairKind, string, number?][] = [
  ["ed25519", "EdDSA"],
  ["p256", "ES256"],
  ["p384", "ES384"],
  ["p521", "ES512"],
  ["rsa", "RS256", 2048],
  ["rsa", "PS256", 3072],
  ["rsa", "RS512", 4096],
];

async function roundTrip(kind: KeyPairKind, alg: string, bits?: number) {
  const pair = await generateKeyPair(kind, bits ? { alg, bits } : { alg });
  const out = await exportKeyPair(pair);
  const fromJwk = await importJwk(out.privateJwk);
  const fromPem = await importPem(out.privatePem, { alg });
  const [fromJwks] = await importJwks(out.jwks);
  const again = await exportPrivateJwk({
    ...fromJwk,
    privateKey: fromJwk.privateKey!,
  });
  if (JSON.stringify(again) !== JSON.stringify(out.privateJwk)) {
    throw new Error("JWK round trip differs");
  }
  if (out.kid !== await jwkThumbprint(out.publicJwk)) {
    throw new Error("kid is not the thumbprint");
  }
  const signature = await signMessage(fromPem, "payload");
  if (!await verifyMessage(fromJwks!, signature, "payload")) {
    throw new Error("signature does not verify");
  }
  if (await verifyMessage(fromJwks!, signature, "payloaD")) {
    throw new Error("a changed payload verifies");
  }
  if (kind === "ed25519") {
    const signer = await importStandardWebhookKey(
      out.standardWebhooks!.signingKey,
    );
    const verifier = await importStandardWebhookKey(
      out.standardWebhooks!.verifyingKey,
    );
    if (
      !await verifyMessage(
        verifier,
        await signMessage(signer, "m.1.{}"),
        "m.1.{}",
      )
    ) {
      throw new Error("whsk_/whpk_ signature does not verify");
    }
  }
}

async function rfc8037() {
  const keys = await importJwk({
    kty: "OKP",
    crv: "Ed25519",
    d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
  });
  const signature = await signMessage(
    keys,
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc",
  );
  let binary = "";
  for (const byte of signature) binary += String.fromCharCode(byte);
  const text = btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(
    /=+$/,
    "",
  );
  if (
    !text.startsWith(
      "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
    )
  ) {
    throw new Error("RFC 8037 A.4 signature differs");
  }
}

const results: Record<string, string> = {};
for (const [kind, alg, bits] of CASES) {
  const name = `${kind} ${alg}${bits ? ` ${bits}` : ""}`;
  try {
    await roundTrip(kind, alg, bits);
    results[name] = "ok";
  } catch (error) {
    results[name] = String(error);
  }
}
try {
  await rfc8037();
  results["RFC 8037"] = "ok";
} catch (error) {
  results["RFC 8037"] = String(error);
}
console.log(JSON.stringify(results));
