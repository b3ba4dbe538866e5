/**
 * The scanner rules beside the prefix field, in the system Chromium:
 * made in the browser, with no request.
 */

import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { RE2JS } from "re2js";
import { parseStructuredKey } from "@keymint/core";
import { createApp } from "../../web/app.ts";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (path) => {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  },
);
if (!CHROMIUM) console.log("rules view test skipped: no Chromium found");

Deno.test({
  name: "the page shows scanner rules for the prefix, made in the browser",
  ignore: !CHROMIUM,
  async fn() {
    const app = await createApp({ log: () => {} });
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      app.fetch,
    );
    const base = `http://127.0.0.1:${server.addr.port}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ["--headless", "--no-sandbox", "--disable-gpu"],
    });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${base}/`, { waitUntil: "load" });
      await page.locator("code[data-key]").first().waitFor();
      assert.equal(await page.locator("details.prefix-rules").count(), 0);
      await page.getByLabel("Prefix", { exact: true }).fill("acme_live");
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.locator("details.prefix-rules summary").click();
      const code = page.locator("code[data-rules]");
      await page.waitForFunction(() =>
        (document.querySelector("code[data-rules]")?.textContent ?? "")
          .startsWith("[[rules]]")
      );
      const toml = await code.innerText();
      const regex = JSON.parse(/^regex = (.*)$/m.exec(toml)![1]!);
      const example = /^# example: (\S+)$/m.exec(toml)![1]!;
      assert.equal(parseStructuredKey(example)?.valid, true);
      assert.ok(RE2JS.compile(regex).matcher(example).find());
      await page.getByLabel("Scanner").selectOption("github");
      await page.waitForFunction(() =>
        (document.querySelector("code[data-rules]")?.textContent ?? "")
          .startsWith("Name: acme_live_")
      );
      assert.deepEqual(requests.filter((url) => url.includes("/api/")), []);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});
