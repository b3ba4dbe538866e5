import assert from "node:assert/strict";
import { withEngine } from "./_webhook_fixtures.ts";
import { hmacKey, macOf } from "../../core/_webhook_keys.ts";
import {
  type HmacEngine,
  NATIVE_MAX_LENGTH,
  NOBLE_MAX_BYTES,
} from "../../core/_hmac.ts";
import { signWebhook, verifyWebhook } from "../../core/webhook.ts";
import { signedContent } from "../../core/_webhook_input.ts";

const text = (value: string) => new TextEncoder().encode(value);
const hex = (bytes: Uint8Array) => bytes.toHex();

/** The synchronous bound of each engine. */
const BOUNDS: Record<HmacEngine, number> = {
  native: NATIVE_MAX_LENGTH,
  noble: NOBLE_MAX_BYTES,
};

Deno.test("macOf() gives the RFC 4231 test case MACs on the synchronous path", async () => {
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
  for (const engine of ["native", "noble"] as const) {
    await withEngine(engine, async () => {
      for (const [key, data, mac] of cases) {
        const made = macOf(
          await hmacKey(key),
          signedContent("", new Uint8Array(data)),
        );
        assert.ok(
          made instanceof Uint8Array,
          "short messages are MACed synchronously",
        );
        assert.equal(hex(made), mac, engine);
      }
    });
  }
});

Deno.test("macOf() matches Web Crypto for every length around the block edges", async () => {
  const keyLengths = [1, 20, 32, 63, 64, 65, 100];
  for (const engine of ["native", "noble"] as const) {
    await withEngine(engine, async () => {
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
          hex(await macOf(await hmacKey(keyBytes), signedContent("", data))),
          hex(expected),
          `${engine}, length ${length}`,
        );
      }
    });
  }
});

Deno.test("macOf() keys text as UTF-8 and signs the head and a text or byte body alike", async () => {
  const secrets = [
    "It's a Secret to Everybody",
    "clé \u{1F511}",
    "k".repeat(90),
  ];
  const bodies = ["", "Hello, World!", "é\u{1F600}\n", "x".repeat(70)];
  for (const engine of ["native", "noble"] as const) {
    await withEngine(engine, async () => {
      for (const secret of secrets) {
        const key = await crypto.subtle.importKey(
          "raw",
          text(secret),
          { name: "HMAC", hash: "SHA-256" },
          false,
          ["sign"],
        );
        const keyed = await hmacKey(secret);
        for (const body of bodies) {
          const expected = new Uint8Array(
            await crypto.subtle.sign("HMAC", key, text(`1614265330.${body}`)),
          );
          for (const given of [body, text(body)]) {
            const made = macOf(keyed, signedContent("1614265330.", given));
            assert.ok(made instanceof Uint8Array, `${engine}: synchronous`);
            assert.equal(hex(made), hex(expected), `${engine}: ${body}`);
          }
        }
      }
    });
  }
});

Deno.test("verifyWebhook() agrees on both sides of each engine's synchronous HMAC bound", async () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  for (const engine of ["native", "noble"] as const) {
    await withEngine(engine, async () => {
      for (const extra of [-1, 0, 1, 100_000]) {
        // The signed content is "id.timestamp." plus the body: the body is
        // sized so that the whole content is `extra` off the bound.
        const id = "msg_bound";
        const timestamp = Math.floor(Date.now() / 1000);
        const head = `${id}.${timestamp}.`;
        const body = "b".repeat(BOUNDS[engine] - head.length + extra);
        const headers = await signWebhook("standard", {
          secret,
          body,
          id,
          timestamp,
        });
        const ok = await verifyWebhook("standard", { secret, body, headers });
        assert.equal(ok.ok, true, `${engine}, body ${body.length}`);
        const changed = await verifyWebhook("standard", {
          secret,
          body: `${body.slice(1)}c`,
          headers,
        });
        assert.equal(changed.ok ? "ok" : changed.reason, "mismatch");
      }
    });
  }
});

Deno.test("macOf() hands a message over the bound to Web Crypto", async () => {
  for (const engine of ["native", "noble"] as const) {
    await withEngine(engine, async () => {
      const key = await hmacKey("s");
      const body = "b".repeat(BOUNDS[engine] + 1);
      const made = macOf(key, signedContent("", body));
      assert.ok(made instanceof Promise, engine);
      const reference = await crypto.subtle.importKey(
        "raw",
        text("s"),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign"],
      );
      assert.equal(
        hex(await made),
        hex(
          new Uint8Array(
            await crypto.subtle.sign("HMAC", reference, text(body)),
          ),
        ),
      );
    });
  }
});
