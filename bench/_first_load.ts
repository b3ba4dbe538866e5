/**
 * What a browser fetches on the first load of a page: Chromium (through
 * playwright-core) opens the URL with an empty cache, waits until the
 * network is idle, and sums the bytes on the wire (encoded, that is
 * gzip as served) of every response, by resource type. This is the rule a
 * browser uses: every script the page and its imports fetch, modulepreloads
 * included, lazy islands only if they come into view.
 *
 * Usage: deno run -A bench/_first_load.ts URL [WIDTHxHEIGHT]
 * Prints one JSON line: { url, viewport, script, stylesheet, document,
 * other, total, files: [{ path, type, bytes }] }.
 */

import { chromium } from "playwright-core";

const [url, size = "390x844"] = Deno.args;
if (!url) {
  console.error("usage: _first_load.ts URL [WIDTHxHEIGHT]");
  Deno.exit(2);
}
const [width, height] = size.split("x").map(Number) as [number, number];
const browser = await chromium.launch({
  executablePath: Deno.env.get("CHROME_PATH") ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width, height } });
  const pending: Promise<{ path: string; type: string; bytes: number }>[] = [];
  page.on("requestfinished", (request) => {
    pending.push(
      request.sizes().then((sizes) => ({
        path: new URL(request.url()).pathname,
        type: request.resourceType(),
        bytes: sizes.responseBodySize,
      })),
    );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const files = await Promise.all(pending);
  const sum = (type?: string) =>
    files.filter((f) => type === undefined || f.type === type)
      .reduce((n, f) => n + f.bytes, 0);
  const script = sum("script");
  const stylesheet = sum("stylesheet");
  const document = sum("document");
  const total = sum();
  console.log(JSON.stringify({
    url,
    viewport: size,
    script,
    stylesheet,
    document,
    other: total - script - stylesheet - document,
    total,
    files,
  }));
} finally {
  await browser.close();
}
