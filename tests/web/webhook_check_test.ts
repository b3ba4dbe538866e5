import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { formatStandardWebhookKeys, signWebhook } from "@keymint/core";
import { createApp } from "../../web/app.ts";

const CHROMIUM = "/usr/bin/chromium";

/** The server-rendered markup of the webhook check section of `/`. */
async function renderedSection(): Promise<string> {
  const app = await createApp({ log: () => {} });
  const html = await (await app.request("/")).text();
  const start = html.indexOf('<section id="webhook-check"');
  assert.notEqual(start, -1, "the home page has no webhook-check section");
  return html.slice(start, html.indexOf("</section>", start));
}

Deno.test("WebhookCheck labels every control and announces results in a live region", async () => {
  const html = await renderedSection();
  assert.match(
    html,
    /<h2 id="webhook-check-heading">Check a webhook signature<\/h2>/,
  );
  const ids = [
    ...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g),
  ].map((m) => m[1]!);
  assert.deepEqual(ids, [
    "wh-scheme",
    "wh-secret",
    "wh-headers",
    "wh-body",
    "wh-check-age",
  ]);
  for (const id of ids.filter((id) => id !== "wh-check-age")) {
    assert.match(html, new RegExp(`<label for="${id}">[^<]+</label>`), id);
  }
  // The checkbox is labelled by the <label> that wraps it.
  assert.match(
    html,
    /<label class="check"><input id="wh-check-age"[^>]*\/?>Reject a timestamp/,
  );
  assert.match(html, /role="status" aria-live="polite"/);
});

Deno.test("WebhookCheck renders no field names and a disabled Verify, so nothing can be submitted before hydration", async () => {
  const html = await renderedSection();
  assert.doesNotMatch(html, /\bname=/);
  assert.doesNotMatch(html, /\baction=/);
  assert.match(
    html,
    /<button type="submit" class="primary" disabled[^>]*>Verify<\/button>/,
  );
});

/** A v1a delivery signed now with a fresh Ed25519 pair, and its whpk_ key. */
async function v1aDelivery() {
  const pair = await crypto.subtle.generateKey("Ed25519", true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const keys = await formatStandardWebhookKeys(pair);
  const body = '{"type":"invoice.paid"}';
  const headers = await signWebhook("standard", {
    secret: keys.signingKey,
    body,
  });
  return {
    verifyingKey: keys.verifyingKey,
    body,
    headers: Object.entries(headers).map(([n, v]) => `${n}: ${v}`).join("\n"),
  };
}

/** Whether a browser can run here; the browser test is skipped otherwise. */
function haveChromium(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

Deno.test({
  name:
    "WebhookCheck verifies the published examples in Chromium without a network request",
  ignore: !haveChromium(),
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const app = await createApp({ log: () => {} });
    const server = Deno.serve({
      port: 0,
      hostname: "127.0.0.1",
      onListen: () => {},
    }, app.fetch);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox"],
    });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${server.addr.port}/`, {
        waitUntil: "networkidle",
      });
      const section = page.locator("#webhook-check");
      const verify = section.getByRole("button", { name: "Verify" });
      await verify.waitFor();
      // The checker sits below the fold: it hydrates once scrolled to.
      await section.scrollIntoViewIfNeeded();
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>(
          "#webhook-check button[type=submit]",
        )?.disabled
      );

      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      const status = section.getByRole("status");

      // Standard Webhooks reference vector (its 2021 timestamp: the example
      // unticks the 5-minute check).
      await section.getByRole("button", { name: "Load an example" }).click();
      assert.equal(
        await section.getByLabel("Secret").inputValue(),
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      );
      await verify.click();
      await status.locator("[data-webhook-result=valid]").waitFor();
      assert.match(
        await status.innerText(),
        /Valid: the webhook-signature signature matches/,
      );
      assert.match(
        await status.innerText(),
        /2021-02-25T15:02:10\.000Z, message id msg_p5jXN8AQM9LWM0D4loKWxJek/,
      );

      // The same delivery with the 5-minute check on is too old.
      await section.getByLabel(
        "Reject a timestamp more than 5 minutes from now",
      ).check();
      await verify.click();
      await status.locator("[data-webhook-result=invalid]").waitFor();
      assert.match(await status.innerText(), /Not valid \(expired\)/);

      // GitHub's documented example, then the same with one byte changed.
      await section.getByLabel("Scheme").selectOption("github");
      await section.getByRole("button", { name: "Load an example" }).click();
      await verify.click();
      await status.locator("[data-webhook-result=valid]").waitFor();
      await section.getByLabel("Body").fill("Hello, World?");
      await verify.click();
      await status.locator("[data-webhook-result=invalid]").waitFor();
      assert.match(
        await status.innerText(),
        /Not valid \(mismatch\): the sha256 signature does not match/,
      );

      // Stripe: an example signed in the page at the current time.
      await section.getByLabel("Scheme").selectOption("stripe");
      await section.getByRole("button", { name: "Load an example" }).click();
      await verify.click();
      await status.locator("[data-webhook-result=valid]").waitFor();

      // Standard Webhooks v1a: an Ed25519 signature made here, checked in
      // the page with the whpk_ key (Chromium's Web Crypto Ed25519).
      const v1a = await v1aDelivery();
      await section.getByLabel("Scheme").selectOption("standard");
      await section.getByLabel("Secret").fill(v1a.verifyingKey);
      await section.getByLabel("Headers").fill(v1a.headers);
      await section.getByLabel("Body").fill(v1a.body);
      await verify.click();
      await status.locator("[data-webhook-result=valid]").waitFor();
      await section.getByLabel("Body").fill(v1a.body + " ");
      await verify.click();
      await status.locator("[data-webhook-result=invalid]").waitFor();
      assert.match(
        await status.innerText(),
        /Not valid \(mismatch\): the v1a signature does not match/,
      );

      // A bad header line is explained, not thrown.
      await section.getByLabel("Headers").fill("not a header");
      await verify.click();
      await status.locator(".error").waitFor();
      assert.match(await status.innerText(), /Cannot read header line 1/);

      assert.deepEqual(requests, [], "the check made a network request");
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});
