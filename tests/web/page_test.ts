/**
 * The page as a person uses it (issue 15), in Chromium at a laptop's and a
 * phone's width, in the light and the dark scheme: the result area and its
 * actions, the regenerate shortcut, strength, validation as typing stops,
 * preset text, downloads, layout, and the page without JavaScript; axe-core
 * finds no violation in any of these states, and nothing is requested after
 * load.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { createApp } from "../../web/app.ts";
import { CHROMIUM, CHROMIUM_ARGS, IN_CI } from "./_chromium.ts";

if (!CHROMIUM && !IN_CI) {
  console.warn(
    "tests/web/page_test.ts: no Chromium found, skipping the page tests",
  );
}

const AXE_SOURCE = await Deno.readTextFile(
  fileURLToPath(import.meta.resolve("axe-core")).replace(
    /axe\.js$/,
    "axe.min.js",
  ),
);

/** Runs axe-core in the page (through DevTools, outside the page's CSP). */
async function axeViolations(page: Page, state: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as {
      axe: {
        run(
          context: Document,
          options: unknown,
        ): Promise<
          { violations: { id: string; nodes: { target: string[] }[] }[] }
        >;
      };
    }).axe;
    const result = await axe.run(document, {
      runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"],
    });
    return result.violations.map((v) =>
      `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
    );
  });
  assert.deepEqual(violations, [], `axe-core in state "${state}"`);
}

const firstKey = (page: Page) =>
  page.locator("code[data-key]").first().innerText();

async function keyShaped(page: Page, shape: RegExp): Promise<string> {
  await page.waitForFunction(
    (source) =>
      new RegExp(source).test(
        document.querySelector("code[data-key]")?.textContent ?? "",
      ),
    shape.source,
  );
  return firstKey(page);
}

const VIEWS = [
  { width: 1280, height: 800, scheme: "light" },
  { width: 1280, height: 800, scheme: "dark" },
  { width: 390, height: 844, scheme: "light" },
  { width: 390, height: 844, scheme: "dark" },
] as const;

for (const view of VIEWS) {
  Deno.test({
    name: `the page at ${view.width} px, ${view.scheme}`,
    ignore: !CHROMIUM && !IN_CI,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn(t) {
      if (!CHROMIUM) throw new Error("Cannot run the page tests: no Chromium");
      const serverLog: string[] = [];
      const app = await createApp({ log: (line) => serverLog.push(line) });
      const server = Deno.serve(
        { hostname: "127.0.0.1", port: 0, onListen: () => {} },
        app.fetch,
      );
      const base = `http://127.0.0.1:${server.addr.port}`;
      let browser: Browser | undefined;
      try {
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: [...CHROMIUM_ARGS],
        });
        const context = await browser.newContext({
          viewport: { width: view.width, height: view.height },
          colorScheme: view.scheme,
          acceptDownloads: true,
        });
        await context.grantPermissions(["clipboard-read", "clipboard-write"], {
          origin: base,
        });
        // Counts history rewrites, to see that typing does not rewrite the
        // URL on each keystroke.
        await context.addInitScript(() => {
          const counter = { replaced: 0 };
          (globalThis as unknown as { __history: typeof counter }).__history =
            counter;
          const replace = history.replaceState.bind(history);
          history.replaceState = (...args) => {
            counter.replaced++;
            replace(...args);
          };
        });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        const open = async (path: string) => {
          await page.goto(base + path, { waitUntil: "load" });
          await page.locator("code[data-key]").first().waitFor();
        };
        const replaced = () =>
          page.evaluate(() =>
            (globalThis as unknown as { __history: { replaced: number } })
              .__history.replaced
          );

        await t.step(
          "keys, strength and every action sit in one result area",
          async () => {
            await open("/?count=100");
            const result = page.locator(".result");
            for (const name of ["Generate", "Copy all", "Download .txt"]) {
              assert.equal(
                await result.getByRole("button", { name, exact: true }).count(),
                1,
                name,
              );
            }
            assert.equal(await result.locator("code[data-key]").count(), 100);
            // A hundred keys scroll inside the list; Generate stays in reach.
            const scrolls = await page.evaluate(() => {
              const list = document.querySelector(".keys")!;
              return list.scrollHeight > list.clientHeight + 100;
            });
            assert.ok(scrolls, "the key list scrolls inside the result area");
            const generate = await result.getByRole("button", {
              name: "Generate",
              exact: true,
            }).boundingBox();
            assert.ok(
              generate && generate.y < 1200,
              `Generate at ${generate?.y}`,
            );
            assert.match(
              await page.locator(".strength").innerText(),
              /^256 bits · very strong/,
            );
            await axeViolations(page, "100 keys");
          },
        );

        await t.step("R and Ctrl+Enter make new keys, announced", async () => {
          await open("/");
          const before = await firstKey(page);
          await page.locator("h1").click();
          await page.keyboard.press("r");
          await page.waitForFunction(
            (old) =>
              document.querySelector("code[data-key]")?.textContent !== old,
            before,
          );
          assert.equal(
            await page.locator(".generator [role=status]").innerText(),
            "Made a new key",
          );
          const second = await firstKey(page);
          await page.getByLabel("Count", { exact: true }).focus();
          await page.keyboard.press("Control+Enter");
          await page.waitForFunction(
            (old) =>
              document.querySelector("code[data-key]")?.textContent !== old,
            second,
          );
          // Typing R in a field is typing, not a shortcut.
          const third = await firstKey(page);
          await page.getByLabel("Prefix", { exact: true }).press("r");
          await page.waitForTimeout(800);
          await keyShaped(page, /^r_/);
          assert.notEqual(await firstKey(page), third);
        });

        await t.step("strength in words follows the bits", async () => {
          await open("/?format=digits&length=6");
          assert.match(
            await page.locator(".strength").innerText(),
            /^19 bits · weak/,
          );
          await axeViolations(page, "weak key");
        });

        await t.step(
          "a prefix makes the key and commands keymint --prefix makes",
          async () => {
            await open("/");
            await page.getByLabel("Prefix", { exact: true }).fill("sk_live");
            await keyShaped(page, /^sk_live_[0-9A-Za-z]{49}$/);
            assert.equal(
              await page.getByLabel("Format", { exact: true }).inputValue(),
              "alnum",
            );
            const commands = await page.locator(".equivalents code")
              .allTextContents();
            assert.equal(commands[0], "keymint --prefix sk_live");
            assert.match(commands[1]!, /\/api\/v1\/keys\?prefix=sk_live'?$/);
          },
        );

        await t.step(
          "validates when typing stops; the last key stays, marked stale",
          async () => {
            await open("/");
            const good = await firstKey(page);
            const prefix = page.getByLabel("Prefix", { exact: true });
            await prefix.pressSequentially("sk_");
            // Mid-typing: no message yet.
            assert.equal(await page.getByRole("alert").count(), 0);
            await page.getByRole("alert").waitFor();
            assert.equal(await prefix.getAttribute("aria-invalid"), "true");
            const describedBy = await prefix.getAttribute("aria-describedby");
            assert.match(describedBy ?? "", /\bgen-error\b/);
            assert.match(
              await page.locator("#gen-error").innerText(),
              /^Cannot use prefix "sk_"/,
            );
            assert.equal(await firstKey(page), good);
            assert.equal(await page.locator(".result.stale").count(), 1);
            assert.match(
              await page.locator(".stale-note").innerText(),
              /Not updated/,
            );
            await axeViolations(page, "invalid prefix");
            await prefix.pressSequentially("live");
            await keyShaped(page, /^sk_live_/);
            assert.equal(await prefix.getAttribute("aria-invalid"), null);
            assert.equal(await page.locator(".result.stale").count(), 0);
          },
        );

        await t.step(
          "typing a count regenerates and rewrites the URL once",
          async () => {
            await open("/");
            const start = await replaced();
            const count = page.getByLabel("Count", { exact: true });
            await count.fill("");
            await count.pressSequentially("100", { delay: 60 });
            await page.waitForFunction(() =>
              document.querySelectorAll("code[data-key]").length === 100
            );
            await page.waitForFunction(() => location.search === "?count=100");
            assert.equal(await replaced() - start, 1);
          },
        );

        await t.step("Copy's status goes with the button's state", async () => {
          await open("/?count=2");
          await page.getByRole("button", { name: "Copy key 2" }).click();
          const status = page.locator(".generator [role=status]");
          await page.waitForFunction(() =>
            document.querySelector('[aria-label="Copy key 2"]')?.textContent ===
              "Copied"
          );
          assert.equal(
            await status.innerText(),
            "Key 2 copied to the clipboard",
          );
          await page.waitForFunction(() =>
            document.querySelector('[aria-label="Copy key 2"]')?.textContent ===
              "Copy"
          );
          assert.equal(await status.innerText(), "");
        });

        await t.step("downloads .txt and .env made in the page", async () => {
          await open("/presets/laravel");
          const key = await keyShaped(page, /^base64:/);
          const [env] = await Promise.all([
            page.waitForEvent("download"),
            page.getByRole("button", { name: "Download .env" }).click(),
          ]);
          // Browsers refuse to save dot files; the name says what it is.
          assert.equal(env.suggestedFilename(), "laravel.env");
          assert.equal(
            await Deno.readTextFile(await env.path()),
            `APP_KEY=${key}\n`,
          );
          const [txt] = await Promise.all([
            page.waitForEvent("download"),
            page.getByRole("button", { name: "Download .txt" }).click(),
          ]);
          assert.equal(await Deno.readTextFile(await txt.path()), key + "\n");
        });

        await t.step(
          "no request after load while generating, copying, downloading",
          async () => {
            await open("/presets/django");
            const requests: string[] = [];
            page.on("request", (request) => {
              // blob: URLs are the downloads, made in the page. Chromium looks
              // at the favicon again after a history change, from its cache;
              // a real fetch of it would show in the server's log below.
              const url = request.url();
              if (url.startsWith("blob:") || url.endsWith("/favicon.svg")) {
                return;
              }
              requests.push(url);
            });
            const logged = serverLog.length;
            await page.keyboard.press("r");
            await page.getByRole("button", { name: "Copy key 1" }).click();
            await Promise.all([
              page.waitForEvent("download"),
              page.getByRole("button", { name: "Download .env" }).click(),
            ]);
            await page.getByLabel("Count", { exact: true }).fill("5");
            await page.getByRole("button", { name: "Copy all" }).click();
            await page.getByRole("button", { name: "Generate", exact: true })
              .click();
            await page.waitForTimeout(700);
            assert.deepEqual(requests, []);
            assert.deepEqual(serverLog.slice(logged), []);
          },
        );

        await t.step(
          "a preset's heading, title and description follow it",
          async () => {
            await open("/");
            await page.getByLabel("Preset").selectOption("github-webhook");
            await keyShaped(page, /^[0-9a-f]{64}$/);
            await page.waitForFunction(() =>
              document.querySelector("h1")?.textContent ===
                "GitHub webhook secret generator"
            );
            assert.match(
              await page.title(),
              /^GitHub webhook secret generator/,
            );
            await page.getByLabel("Preset").selectOption("aes-256");
            await page.waitForFunction(() =>
              document.querySelector("h1")?.textContent ===
                "AES-256 key generator"
            );
            assert.match(
              await page.locator('meta[name="description"]').getAttribute(
                "content",
              ) ?? "",
              /^Generate an AES-256 key for ENCRYPTION_KEY/,
            );
            await axeViolations(page, "preset");
          },
        );

        await t.step(
          "a checked checkbox that cannot change stays visible",
          async () => {
            await open("/");
            const box = page.getByLabel("Checksum");
            assert.ok(await box.isChecked());
            assert.ok(await box.isDisabled());
            const opacity = await box.evaluate((el) =>
              getComputedStyle(el).opacity
            );
            assert.equal(opacity, "1");
          },
        );

        await t.step(
          "the key takes the row's width, Copy beside or under it",
          async () => {
            await open("/?format=base64url");
            const key = (await page.locator("code[data-key]").first()
              .boundingBox())!;
            const copy = (await page.getByRole("button", { name: "Copy key 1" })
              .boundingBox())!;
            const card = (await page.locator(".result").boundingBox())!;
            if (view.width < 600) {
              assert.ok(key.width > card.width * 0.85, "full width on a phone");
              assert.ok(copy.y >= key.y + key.height - 1, "Copy under the key");
              // Two lines at most for a 43-character key.
              assert.ok(key.height < 80, `key height ${key.height}`);
            } else {
              assert.ok(copy.x >= key.x + key.width - 1, "Copy beside the key");
            }
            assert.ok(
              await page.evaluate(() =>
                document.documentElement.scrollWidth <= innerWidth
              ),
              "no sideways scroll",
            );
          },
        );

        await t.step(
          "without JavaScript: the notice first, commands, no dead controls",
          async () => {
            const plain = await browser!.newContext({
              javaScriptEnabled: false,
              viewport: { width: view.width, height: view.height },
              colorScheme: view.scheme,
            });
            const still = await plain.newPage();
            still.setDefaultTimeout(10_000);
            await still.goto(base + "/?prefix=sk_live&count=3");
            const notice = still.locator(".card .noscript-notice").first();
            assert.ok(await notice.isVisible());
            assert.match(await notice.innerText(), /made in your browser/);
            const commands = await notice.locator("code").allTextContents();
            assert.equal(commands[0], "keymint --prefix sk_live --count 3");
            assert.match(
              commands[1]!,
              /^curl '.*\/api\/v1\/keys\?prefix=sk_live&count=3'$/,
            );
            // The first thing in the card is the notice.
            const firstInCard = await still.evaluate(() => {
              const card = document.querySelector(".card")!;
              for (const el of card.querySelectorAll("*")) {
                const box = el.getBoundingClientRect();
                if (el.tagName === "NOSCRIPT") continue;
                if (box.height > 0 && el.textContent?.trim()) {
                  return el.className;
                }
              }
              return "";
            });
            assert.equal(firstInCard, "noscript-notice");
            for (const hidden of [".generator", ".webhook-check"]) {
              assert.equal(
                await still.locator(hidden).isVisible(),
                false,
                hidden,
              );
            }
            // (axe-core needs JavaScript in the page, so it cannot run here.)
            await plain.close();
          },
        );

        assert.deepEqual(errors, []);
        await context.close();
      } finally {
        await browser?.close();
        await server.shutdown();
      }
    },
  });
}
