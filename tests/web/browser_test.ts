/**
 * The page in a real browser: playwright-core drives the system Chromium
 * against a server started here on a free loopback port. Without Chromium
 * the tests are skipped with a message, except under CI=true, where they
 * fail instead.
 */

import assert from "node:assert/strict";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
} from "playwright-core";
import { parseStructuredKey } from "@keymint/core";
import { createApp } from "../../web/app.ts";

import { CHROMIUM, CHROMIUM_ARGS, IN_CI } from "./_chromium.ts";

if (!CHROMIUM && !IN_CI) {
  console.warn(
    "tests/web/browser_test.ts: no Chromium found, skipping the browser tests",
  );
}

/** Everything one browser session records about the page. */
interface Session {
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  cspViolations: string[];
  /** The server's request log: `GET /path 200` lines. */
  serverLog: string[];
}

async function withPage(
  fn: (session: Session) => Promise<void>,
): Promise<void> {
  if (!CHROMIUM) {
    throw new Error(
      "Cannot run the browser tests: no Chromium found (CI=true)",
    );
  }
  const serverLog: string[] = [];
  const app = await createApp({ log: (line) => serverLog.push(line) });
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: () => {},
  }, app.fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
    });
    const context = await browser.newContext({
      viewport: { width: 1000, height: 900 },
    });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: base,
    });
    // Report CSP violations and layout shifts through the console. Init
    // scripts run through the DevTools protocol, outside the page's CSP.
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(
          `csp-violation ${event.violatedDirective} ${event.blockedURI}`,
        );
      });
      const shifts = { total: 0 };
      (globalThis as unknown as { __layoutShift: typeof shifts })
        .__layoutShift = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const shift = entry as PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          };
          if (!shift.hadRecentInput) shifts.total += shift.value;
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const session: Session = {
      base,
      browser,
      context,
      page,
      consoleErrors: [],
      cspViolations: [],
      serverLog,
    };
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      if (
        text.startsWith("csp-violation") || /Content Security Policy/.test(text)
      ) {
        session.cspViolations.push(text);
      } else {
        session.consoleErrors.push(text);
      }
    });
    page.on("pageerror", (error) => session.consoleErrors.push(error.message));
    await fn(session);
    assert.deepEqual(session.cspViolations, [], "no CSP violations");
    assert.deepEqual(session.consoleErrors, [], "no console errors");
    await context.close();
  } finally {
    await browser?.close();
    await server.shutdown();
  }
}

async function open(session: Session, path: string): Promise<void> {
  await session.page.goto(session.base + path, { waitUntil: "load" });
  await session.page.locator("code[data-key]").first().waitFor();
}

function firstKey(page: Page): Promise<string> {
  return page.locator("code[data-key]").first().innerText();
}

/** Waits until the first key matches `shape`, and returns it. */
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

const FORMAT_SHAPES: [string, RegExp][] = [
  ["hex", /^[0-9a-f]{64}$/],
  ["base64url", /^[A-Za-z0-9_-]{43}$/],
  ["alnum", /^[0-9A-Za-z]{43}$/],
  ["base64", /^[A-Za-z0-9+/]{43}=$/],
  ["base32", /^[A-Z2-7]{52}$/],
  ["crockford", /^[0-9a-hjkmnp-tv-z]{52}$/],
  ["base58", /^[1-9A-HJ-NP-Za-km-z]{44}$/],
  ["digits", /^[0-9]{78}$/],
  ["custom", /^[2-9a-hjkmnp-z]{52}$/],
];

Deno.test({
  name: "the page in Chromium",
  ignore: !CHROMIUM && !IN_CI,
  async fn(t) {
    await withPage(async (session) => {
      const { page } = session;

      await t.step(
        "generates a key in each format with the right shape",
        async () => {
          await open(session, "/");
          const format = page.getByLabel("Format", { exact: true });
          for (const [name, shape] of FORMAT_SHAPES) {
            await format.selectOption(name);
            const key = await keyShaped(page, shape);
            const meta = await page.locator(".key-meta").first().innerText();
            assert.match(
              meta,
              new RegExp(`^${key.length} characters · \\d+ bits$`),
              name,
            );
            assert.ok(
              Number(meta.match(/(\d+) bits/)![1]) >= 256,
              `${name}: ${meta}`,
            );
          }
        },
      );

      await t.step(
        "loads the webhook checker only once it is scrolled to or used",
        async () => {
          const fetched: string[] = [];
          const record = (request: { url(): string }) =>
            fetched.push(new URL(request.url()).pathname);
          page.on("request", record);
          // A laptop's viewport: the checker starts below the fold.
          await page.setViewportSize({ width: 1280, height: 720 });
          await page.goto(session.base + "/", { waitUntil: "networkidle" });
          assert.ok(fetched.some((path) => path.includes("/Generator-")));
          assert.ok(
            !fetched.some((path) => path.includes("/WebhookCheck-")),
            fetched.join(" "),
          );
          await page.locator("#webhook-check").scrollIntoViewIfNeeded();
          await page.waitForFunction(() =>
            document.querySelector<HTMLButtonElement>(
              "#webhook-check button[type=submit]",
            )?.disabled === false
          );
          assert.ok(fetched.some((path) => path.includes("/WebhookCheck-")));
          page.off("request", record);
          await page.setViewportSize({ width: 1000, height: 900 });
        },
      );

      await t.step(
        "makes prefixed keys with a valid checksum, and counts",
        async () => {
          await open(session, "/");
          await page.getByLabel("Prefix", { exact: true }).fill("sk_test");
          await page.getByLabel("Count", { exact: true }).fill("5");
          await page.waitForFunction(() =>
            document.querySelectorAll("code[data-key]").length === 5
          );
          const keys = await page.locator("code[data-key]").allInnerTexts();
          assert.equal(new Set(keys).size, 5);
          for (const key of keys) {
            // Alphanumeric, as keymint --prefix makes it.
            assert.match(key, /^sk_test_[0-9A-Za-z]{43}[0-9A-Za-z]{6}$/);
            assert.equal(parseStructuredKey(key)?.valid, true);
          }
          await page.getByLabel("Checksum").uncheck();
          await keyShaped(page, /^sk_test_[0-9A-Za-z]{43}$/);
        },
      );

      await t.step(
        "shows the core's message for bad options, keeping the last key",
        async () => {
          await open(session, "/");
          const before = await firstKey(page);
          const prefix = page.getByLabel("Prefix", { exact: true });
          await prefix.fill("Bad");
          const alert = page.getByRole("alert");
          await alert.waitFor();
          assert.match(await alert.innerText(), /^Cannot .*prefix/i);
          assert.equal(await prefix.getAttribute("aria-invalid"), "true");
          assert.match(
            await prefix.getAttribute("aria-describedby") ?? "",
            /\bgen-error\b/,
          );
          assert.equal(await firstKey(page), before, "the last key stays");
          assert.equal(await page.locator(".result.stale").count(), 1);
        },
      );

      await t.step(
        "reflects the options, never a key, in the URL",
        async () => {
          await open(session, "/");
          await page.getByLabel("Format", { exact: true }).selectOption(
            "base58",
          );
          await page.getByLabel("Entropy (bits)").selectOption("128");
          const key = await keyShaped(page, /^[1-9A-HJ-NP-Za-km-z]{22}$/);
          await page.waitForFunction(() =>
            location.search.includes("bits=128")
          );
          const url = new URL(page.url());
          assert.equal(url.search, "?format=base58&bits=128");
          assert.ok(!page.url().includes(key));
          // Opening the shared URL restores the options.
          await open(session, url.pathname + url.search);
          await keyShaped(page, /^[1-9A-HJ-NP-Za-km-z]{22}$/);
        },
      );

      await t.step(
        "copies a key to the clipboard with visible feedback",
        async () => {
          await open(session, "/");
          const key = await firstKey(page);
          const button = page.getByRole("button", { name: "Copy key 1" });
          await button.click();
          await page.waitForFunction(() =>
            document.querySelector('[aria-label="Copy key 1"]')?.textContent ===
              "Copied"
          );
          assert.equal(
            await page.locator(".generator [role=status]").innerText(),
            "Key 1 copied to the clipboard",
          );
          assert.equal(
            await page.evaluate(() => navigator.clipboard.readText()),
            key,
          );
        },
      );

      await t.step("preset pages preselect their preset", async () => {
        const cases: [string, RegExp, string][] = [
          ["laravel", /^base64:[A-Za-z0-9+/]{43}=$/, "APP_KEY"],
          ["django", /^[a-z0-9!@#$%^&*(\-_=+)]{50}$/, "SECRET_KEY"],
          ["jwt-hs256", /^[A-Za-z0-9_-]{43}$/, "JWT_SECRET"],
          ["standard-webhooks", /^whsec_[A-Za-z0-9+/]{43}=$/, "WEBHOOK_SECRET"],
        ];
        for (const [name, shape, env] of cases) {
          await open(session, `/presets/${name}`);
          assert.equal(await page.getByLabel("Preset").inputValue(), name);
          assert.ok(
            await page.getByLabel("Format", { exact: true }).isDisabled(),
          );
          await keyShaped(page, shape);
          assert.ok((await page.title()).includes(env), await page.title());
        }
        // Leaving the preset goes back to the home URL and title.
        await page.getByLabel("Preset").selectOption("");
        await keyShaped(page, /^[0-9a-f]{64}$/);
        await page.waitForFunction(() => location.pathname === "/");
        assert.match(await page.title(), /^keymint: /);
      });

      await t.step("works with the keyboard only", async () => {
        await open(session, "/");
        // The focused element's id, or its aria-label.
        const focused = () =>
          page.evaluate(() =>
            document.activeElement?.id ||
            (document.activeElement?.getAttribute("aria-label") ?? "")
          );
        const tabTo = async (name: string, key = "Tab") => {
          for (let i = 0; i < 60 && await focused() !== name; i++) {
            await page.keyboard.press(key);
          }
          assert.equal(await focused(), name);
        };
        const keyChanged = (old: string) =>
          page.waitForFunction(
            (before) =>
              document.querySelector("code[data-key]")?.textContent !== before,
            old,
          );
        await tabTo("gen-format");
        await page.keyboard.press("ArrowDown"); // hex -> base64url
        await keyShaped(page, /^[A-Za-z0-9_-]{43}$/);
        await tabTo("gen-count");
        await page.keyboard.press("Control+A");
        await page.keyboard.type("3");
        await page.waitForFunction(() =>
          document.querySelectorAll("code[data-key]").length === 3
        );
        const before = await firstKey(page);
        await page.keyboard.press("Enter"); // submits the form: Generate
        await keyChanged(before);
        await tabTo("gen-generate", "Shift+Tab");
        const second = await firstKey(page);
        await page.keyboard.press("Space");
        await keyChanged(second);
        await tabTo("Copy key 1", "Shift+Tab");
        const key = await firstKey(page);
        await page.keyboard.press("Enter");
        await page.waitForFunction(() =>
          document.querySelector('[aria-label="Copy key 1"]')?.textContent ===
            "Copied"
        );
        assert.equal(
          await page.evaluate(() => navigator.clipboard.readText()),
          key,
        );
      });

      await t.step(
        "sends no request after load while generating and copying",
        async () => {
          await open(session, "/");
          // Chromium looks at the favicon again after each history change;
          // the DevTools protocol tells those cache hits from real requests.
          const cdp = await session.context.newCDPSession(page);
          await cdp.send("Network.enable");
          const requested = new Map<string, string>();
          const fromCache = new Set<string>();
          cdp.on("Network.requestWillBeSent", (event) => {
            requested.set(event.requestId, event.request.url);
          });
          cdp.on("Network.requestServedFromCache", (event) => {
            fromCache.add(event.requestId);
          });
          cdp.on("Network.responseReceived", (event) => {
            if (event.response.fromDiskCache) fromCache.add(event.requestId);
          });
          const serverLines = session.serverLog.length;
          const format = page.getByLabel("Format", { exact: true });
          for (const [name, shape] of FORMAT_SHAPES) {
            await format.selectOption(name);
            await keyShaped(page, shape);
          }
          await page.getByLabel("Prefix", { exact: true }).fill("ak");
          await page.getByLabel("Count", { exact: true }).fill("20");
          for (let i = 0; i < 5; i++) {
            await page.getByRole("button", { name: "Generate", exact: true })
              .click();
          }
          await page.getByRole("button", { name: "Copy key 2", exact: true })
            .click();
          await page.getByRole("button", { name: "Copy all" }).click();
          await page.getByLabel("Preset").selectOption("laravel");
          await keyShaped(page, /^base64:/);
          await page.waitForTimeout(300);
          const network = [...requested].filter(([id]) => !fromCache.has(id));
          assert.deepEqual(network, [], "no request left the browser");
          // Control: a real request made now is seen as one.
          await page.evaluate(() => {
            new Image().src = "/favicon.svg?control";
          });
          await page.waitForFunction(() =>
            performance.getEntriesByName(
              new URL("/favicon.svg?control", location.href).href,
            ).length > 0
          );
          assert.ok(
            [...requested].some(([id, url]) =>
              url.endsWith("?control") && !fromCache.has(id)
            ),
          );
          await cdp.detach();
          assert.deepEqual(session.serverLog.slice(serverLines), [
            "GET /favicon.svg 200",
          ]);
        },
      );

      await t.step("keys appear without a layout shift", async () => {
        await open(session, "/presets/rails?count=3");
        await page.waitForTimeout(300);
        const shift = await page.evaluate(() =>
          (globalThis as unknown as { __layoutShift: { total: number } })
            .__layoutShift.total
        );
        assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
      });

      await t.step("gives every control of the generator a name", async () => {
        await open(session, "/?format=custom&prefix=ak&count=2");
        const unnamed = await page.evaluate(() =>
          Array.from(
            document.querySelectorAll<
              HTMLInputElement | HTMLSelectElement | HTMLButtonElement
            >(".generator input, .generator select, .generator button"),
          )
            .filter((control) =>
              (control.labels?.length ?? 0) === 0 &&
              !control.getAttribute("aria-label") &&
              (control.textContent ?? "").trim() === ""
            )
            .map((control) => control.outerHTML)
        );
        assert.deepEqual(unnamed, []);
        for (
          const label of [
            "Format",
            "Entropy (bits)",
            "Count",
            "Prefix",
            "Preset",
            "Alphabet",
            "Checksum",
          ]
        ) {
          assert.equal(
            await page.getByLabel(label, { exact: true }).count(),
            1,
            label,
          );
        }
      });

      await t.step("follows the dark colour scheme", async () => {
        await page.emulateMedia({ colorScheme: "dark" });
        await open(session, "/");
        const dark = await page.evaluate(() =>
          getComputedStyle(document.body).backgroundColor
        );
        await page.emulateMedia({ colorScheme: "light" });
        const light = await page.evaluate(() =>
          getComputedStyle(document.body).backgroundColor
        );
        assert.equal(dark, "rgb(11, 17, 32)");
        assert.equal(light, "rgb(248, 250, 252)");
      });
    });
  },
});
