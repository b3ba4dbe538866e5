import assert from "node:assert/strict";
import {
  exportPrivatePem,
  importJwk,
  importJwks,
  importPem,
  importStandardWebhookKey,
  jwkThumbprint,
} from "@keymint/core";
import { runWith, USAGE_ERROR } from "./_run_with.ts";

Deno.test("keymint keypair prints an Ed25519 private JWK whose kid is its thumbprint", async () => {
  const { code, stdout, stderr } = await runWith(["keypair"]);
  assert.equal(code, 0);
  assert.equal(stderr, "");
  const jwk = JSON.parse(stdout);
  assert.equal(jwk.crv, "Ed25519");
  assert.equal(jwk.alg, "EdDSA");
  assert.equal(jwk.use, "sig");
  assert.equal(jwk.kid, await jwkThumbprint(jwk));
  assert.notEqual((await importJwk(jwk)).privateKey, null);
});

Deno.test("keymint keypair KIND --alg --bits makes that kind in every form", async () => {
  const pem = await runWith([
    "keypair",
    "rsa",
    "--bits",
    "3072",
    "--alg",
    "PS256",
    "--pem",
  ]);
  assert.equal(pem.code, 0);
  const blocks = pem.stdout.split(/(?<=-----END [A-Z ]+-----\n)/);
  assert.equal(blocks.length, 2);
  assert.match(blocks[0]!, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.match(blocks[1]!, /^-----BEGIN PUBLIC KEY-----\n/);
  assert.equal((await importPem(blocks[0]!, { alg: "PS256" })).bits, 3072);

  const jwks = await runWith(["keypair", "p384", "--jwks"]);
  const [keys] = await importJwks(jwks.stdout);
  assert.equal(keys!.kind, "p384");
  assert.equal(keys!.privateKey, null);
  assert.equal(jwks.stdout.includes('"d"'), false);
  assert.match(
    jwks.stderr,
    /warning: the private key was not kept; use --out PREFIX/,
  );

  const json = JSON.parse(
    (await runWith(["keypair", "p521", "--json"])).stdout,
  );
  assert.deepEqual(Object.keys(json), [
    "kind",
    "alg",
    "bits",
    "kid",
    "privateJwk",
    "publicJwk",
    "jwks",
    "privatePem",
    "publicPem",
    "standardWebhooks",
  ]);
  assert.equal(json.alg, "ES512");
  assert.equal(json.kid, json.publicJwk.kid);
});

Deno.test("keymint keypair presets pick kind, alg and form", async () => {
  for (
    const [preset, alg, kty] of [["jwt-eddsa", "EdDSA", "OKP"], [
      "jwt-es256",
      "ES256",
      "EC",
    ], ["jwt-rs256", "RS256", "RSA"]]
  ) {
    for (const args of [["keypair", preset!], ["preset", preset!]]) {
      const { code, stdout } = await runWith(args);
      assert.equal(code, 0, args.join(" "));
      const jwk = JSON.parse(stdout);
      assert.equal(jwk.alg, alg);
      assert.equal(jwk.kty, kty);
    }
  }
  const { stdout } = await runWith(["keypair", "standard-webhooks-ed25519"]);
  const match = /^signing_key=(whsk_\S{44})\nverifying_key=(whpk_\S{44})\n$/
    .exec(stdout);
  assert.ok(match, stdout);
  const signer = await importStandardWebhookKey(match[1]!);
  const verifier = await importStandardWebhookKey(match[2]!);
  assert.deepEqual(
    await crypto.subtle.exportKey("jwk", signer.publicKey),
    await crypto.subtle.exportKey("jwk", verifier.publicKey),
  );
});

Deno.test("keymint keypair refuses bad input with a usage error and nothing on stdout", async () => {
  const table: [string[], RegExp][] = [
    [["rsa", "--bits", "1024"], /RSA below 2048 bits is refused/],
    [["rsa", "--bits", "2048x"], /--bits: "2048x" is not a number/],
    [
      ["p256", "--alg", "RS256"],
      /alg RS256 does not fit a p256 key; use ES256/,
    ],
    [["ed2551"], /unknown kind "ed2551", did you mean "ed25519"/],
    [["--jwk", "--pem"], /--jwk and --pem together/],
    [["p256", "--standard-webhooks"], /Standard Webhooks keys for a p256 key/],
    [["jwt-es256", "--alg", "ES384"], /preset jwt-es256: it signs with ES256/],
    [["rsa", "p256"], /unexpected argument "p256"/],
    [["--jwkk"], /unknown flag "--jwkk", did you mean "--jwk"/],
    [["--out", ""], /PREFIX is empty/],
  ];
  for (const [args, message] of table) {
    const { code, stdout, stderr } = await runWith(["keypair", ...args]);
    assert.equal(code, 2, args.join(" "));
    assert.equal(stdout, "", args.join(" "));
    assert.match(stderr, USAGE_ERROR);
    assert.match(stderr, message);
  }
});

Deno.test("keymint keypair --out writes the private file 0600, the public one, and prints only the public part", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const prefix = `${dir}/signing`;
    const { code, stdout, stderr } = await runWith([
      "keypair",
      "jwt-es256",
      "--out",
      prefix,
    ]);
    assert.equal(code, 0, stderr);
    const printed = JSON.parse(stdout);
    assert.equal("d" in printed, false);
    const privateJwk = JSON.parse(
      await Deno.readTextFile(`${prefix}.private.jwk`),
    );
    const publicJwk = JSON.parse(
      await Deno.readTextFile(`${prefix}.public.jwk`),
    );
    assert.deepEqual(printed, publicJwk);
    assert.equal(privateJwk.kid, publicJwk.kid);
    assert.ok(privateJwk.d);
    assert.equal(stderr.includes(privateJwk.d), false);
    assert.match(stderr, new RegExp(`kid ${publicJwk.kid}`));
    if (Deno.build.os !== "windows") {
      assert.equal(
        (await Deno.stat(`${prefix}.private.jwk`)).mode! & 0o777,
        0o600,
      );
    }

    // A second run refuses to replace them (exit 1) and leaves them alone.
    const again = await runWith(["keypair", "jwt-es256", "--out", prefix]);
    assert.equal(again.code, 1);
    assert.equal(again.stdout, "");
    assert.match(
      again.stderr,
      /already exists; keymint never replaces a key file/,
    );
    assert.deepEqual(
      JSON.parse(await Deno.readTextFile(`${prefix}.private.jwk`)),
      privateJwk,
    );

    // Only the public file there: still refused, and no private file made.
    await Deno.writeTextFile(`${dir}/other.public.pem`, "mine");
    const half = await runWith(["keypair", "--pem", "--out", `${dir}/other`]);
    assert.equal(half.code, 1);
    await assert.rejects(
      Deno.stat(`${dir}/other.private.pem`),
      Deno.errors.NotFound,
    );

    const pem = await runWith([
      "keypair",
      "rsa",
      "--pem",
      "--out",
      `${dir}/rsa`,
    ]);
    assert.match(
      pem.stdout,
      /^-----BEGIN PUBLIC KEY-----\n[^]+-----END PUBLIC KEY-----\n$/,
    );
    const keys = await importPem(
      await Deno.readTextFile(`${dir}/rsa.private.pem`),
    );
    assert.equal(keys.bits, 2048);

    const json = await runWith(["keypair", "--json", "--out", `${dir}/all`]);
    const document = JSON.parse(json.stdout);
    assert.equal(document.files.private, `${dir}/all.private.json`);
    assert.equal(json.stdout.includes("PRIVATE KEY"), false);
    assert.equal("privateJwk" in document, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("keymint keypair rsa --bits 4096 shows progress on a terminal's stderr only", async () => {
  const tty = await runWith(["keypair", "rsa", "--bits", "4096", "--pem"], {
    stderrIsTerminal: true,
  });
  assert.equal(tty.code, 0);
  assert.match(tty.stderr, /^keymint: making an RSA-4096 key pair\.\.\./);
  assert.ok(tty.stderr.endsWith("\r\x1b[K"), JSON.stringify(tty.stderr));
  const piped = await runWith(["keypair", "rsa", "--bits", "4096", "--pem"]);
  assert.equal(piped.stderr, "");
  const small = await runWith(["keypair", "rsa", "--pem"], {
    stderrIsTerminal: true,
  });
  assert.equal(small.stderr, "");
});

Deno.test("keymint inspect reports PEM, JWK and JWKS key material and never prints private members", async () => {
  const jwk = JSON.parse((await runWith(["keypair", "p256"])).stdout);
  const one = await runWith(["inspect"], { stdin: JSON.stringify(jwk) });
  assert.equal(one.code, 0);
  assert.match(one.stdout, /^form {9}JWK\nkey {10}p256, 256 bits, private\n/);
  assert.match(one.stdout, /\nwarnings {5}none\n$/);
  assert.equal(one.stdout.includes(jwk.d), false);

  const leaky = await runWith(["inspect", "--json"], {
    stdin: JSON.stringify({ keys: [{ ...jwk, kid: "k1" }] }),
  });
  const report = JSON.parse(leaky.stdout);
  assert.equal(report.form, "jwks");
  assert.match(
    report.warnings.join("\n"),
    /key 1: holds private key material \(d\)/,
  );
  assert.match(
    report.warnings.join("\n"),
    /kid "k1" is not the key's RFC 7638 thumbprint/,
  );
  assert.equal(leaky.stdout.includes(jwk.d), false);

  const weak = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 1024,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  ) as CryptoKeyPair;
  const keys = { kind: "rsa", alg: "RS256", bits: 1024, ...weak } as const;
  const pem = await exportPrivatePem(keys);
  const small = await runWith(["inspect"], { stdin: pem });
  assert.match(small.stdout, /PEM, PKCS#8 private key\n/);
  assert.match(
    small.stdout,
    /warning +RSA key of 1024 bits, below the 2048-bit minimum/,
  );
  assert.equal(small.stdout.includes(pem.split("\n")[2]!), false);

  const bad = await runWith(["inspect"], {
    stdin: '{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}',
  });
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, "");
  assert.match(bad.stderr, /member x must be 43/);
});
