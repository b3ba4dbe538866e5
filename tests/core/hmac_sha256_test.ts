import assert from "node:assert/strict";
import { hmacMidstates, hmacSha256, sha256 } from "../../core/_hmac_sha256.ts";
import { SYNC_HMAC_BYTES } from "../../core/_webhook_keys.ts";
import { signWebhook, verifyWebhook } from "../../core/webhook.ts";

const text = (value: string) => new TextEncoder().encode(value);
const hex = (bytes: Uint8Array) => bytes.toHex();

Deno.test("sha256() gives the FIPS 180-4 example digests", () => {
  const cases: [Uint8Array, string][] = [
    [
      text("abc"),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    ],
    [
      text(""),
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ],
    [
      text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
    [
      text("a".repeat(1_000_000)),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    ],
  ];
  for (const [data, digest] of cases) assert.equal(hex(sha256(data)), digest);
});

Deno.test("hmacSha256() gives the RFC 4231 test case MACs", () => {
  const cases: [Uint8Array, Uint8Array, string][] = [
    [
      new Uint8Array(20).fill(0x0b),
      text("Hi There"),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    ],
    [
      text("Jefe"),
      text("what do ya want for nothing?"),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ],
    [
      new Uint8Array(131).fill(0xaa),
      text("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
  ];
  for (const [key, data, mac] of cases) {
    assert.equal(hex(hmacSha256(hmacMidstates(key), data)), mac);
  }
});

Deno.test("hmacSha256() matches Web Crypto for every length around the block edges", async () => {
  const keyLengths = [1, 20, 32, 63, 64, 65, 100];
  for (let length = 0; length <= 300; length++) {
    const keyBytes = crypto.getRandomValues(
      new Uint8Array(keyLengths[length % keyLengths.length]!),
    );
    const data = crypto.getRandomValues(new Uint8Array(length));
    const key = await crypto.subtle.importKey(
      "raw",
      keyBytes,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const expected = new Uint8Array(
      await crypto.subtle.sign("HMAC", key, data),
    );
    assert.equal(
      hex(hmacSha256(hmacMidstates(keyBytes), data)),
      hex(expected),
      `length ${length}`,
    );
    assert.equal(
      hex(sha256(data)),
      hex(new Uint8Array(await crypto.subtle.digest("SHA-256", data))),
    );
  }
});

Deno.test("verifyWebhook() agrees on both sides of the synchronous HMAC bound", async () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  for (const extra of [-1, 0, 1, 100_000]) {
    // The signed content is "id.timestamp." plus the body.
    const body = "b".repeat(SYNC_HMAC_BYTES + extra);
    const headers = await signWebhook("standard", { secret, body });
    const ok = await verifyWebhook("standard", { secret, body, headers });
    assert.equal(ok.ok, true, `body ${body.length}`);
    const changed = await verifyWebhook("standard", {
      secret,
      body: `${body.slice(1)}c`,
      headers,
    });
    assert.equal(changed.ok ? "ok" : changed.reason, "mismatch");
  }
});
