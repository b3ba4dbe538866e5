/**
 * Takes the README's screenshots of the page with the system Chromium: a
 * laptop (1280 px) and a phone (390 px), each in the light and the dark
 * theme, and a short sequence of the main flow (pick a preset, generate,
 * copy, download):
 *
 * ```sh
 * deno task build && deno run -A docs/screenshots/take.ts
 * ```
 *
 * Writes docs/screenshots/{desktop,phone}-{light,dark}.png and
 * flow-1-open.png ... flow-4-copied.png.
 */

import { chromium, type Page } from "playwright-core";
import { createApp } from "../../web/app.ts";

const app = await createApp({ log: () => {} });
const server = Deno.serve({
  hostname: "127.0.0.1",
  port: 0,
  onListen: () => {},
}, app.fetch);
const base = `http://127.0.0.1:${server.addr.port}`;
const browser = await chromium.launch({
  executablePath: Deno.env.get("CHROME_PATH") ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});

async function shot(page: Page, name: string): Promise<void> {
  const path = new URL(`${name}.png`, import.meta.url).pathname;
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

try {
  const views = [
    { name: "desktop", width: 1280, height: 1000 },
    { name: "phone", width: 390, height: 844 },
  ];
  for (const view of views) {
    for (const scheme of ["light", "dark"] as const) {
      const page = await browser.newPage({
        viewport: { width: view.width, height: view.height },
        colorScheme: scheme,
        deviceScaleFactor: view.name === "phone" ? 2 : 1,
      });
      await page.goto(`${base}/?prefix=sk_live&count=3`);
      await page.locator("code[data-key]").first().waitFor();
      await shot(page, `${view.name}-${scheme}`);
      await page.close();
    }
  }

  // The main flow, on a laptop in the light theme.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: "light",
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: base,
  });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.locator("code[data-key]").first().waitFor();
  await shot(page, "flow-1-open");
  await page.getByLabel("Preset").selectOption("laravel");
  await page.waitForFunction(() =>
    document.querySelector("code[data-key]")?.textContent?.startsWith(
      "base64:",
    )
  );
  await shot(page, "flow-2-preset");
  await page.getByLabel("Count", { exact: true }).fill("5");
  await page.waitForFunction(() =>
    document.querySelectorAll("code[data-key]").length === 5
  );
  await shot(page, "flow-3-five-keys");
  await page.getByRole("button", { name: "Copy all" }).click();
  await page.waitForFunction(() =>
    document.querySelector(".generator [role=status]")?.textContent !== ""
  );
  await shot(page, "flow-4-copied");
  await context.close();
} finally {
  await browser.close();
  await server.shutdown();
}
