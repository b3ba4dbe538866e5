/**
 * Takes the README's screenshots of the page, in the light and the dark
 * theme, with the system Chromium:
 *
 * ```sh
 * deno run -A docs/screenshots/take.ts
 * ```
 *
 * Writes docs/screenshots/page-light.png and page-dark.png.
 */

import { chromium } from "playwright-core";
import { createApp } from "../../web/app.ts";

const app = await createApp({ log: () => {} });
const server = Deno.serve({
  hostname: "127.0.0.1",
  port: 0,
  onListen: () => {},
}, app.fetch);
const browser = await chromium.launch({
  executablePath: Deno.env.get("CHROME_PATH") ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  for (const scheme of ["light", "dark"] as const) {
    const page = await browser.newPage({
      viewport: { width: 1100, height: 1250 },
      colorScheme: scheme,
      deviceScaleFactor: 1,
    });
    await page.goto(
      `http://127.0.0.1:${server.addr.port}/?format=base58&count=3&prefix=sk_live`,
    );
    await page.locator("code[data-key]").first().waitFor();
    const path = new URL(`page-${scheme}.png`, import.meta.url).pathname;
    await page.screenshot({ path });
    console.log(`wrote ${path}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.shutdown();
}
