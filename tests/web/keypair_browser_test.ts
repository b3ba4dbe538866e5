/**
 * The "Key pair" tool in Chromium: every kind is made and exported in the
 * page, and the keys it shows are checked here with core (and openssl when
 * installed): the kid is the thumbprint, the PEM and JWK hold the same key,
 * signatures made with the page's private key verify with its public key.
 * No request leaves the page while it works, and RSA-4096 shows progress.
 */

import assert from "node:assert/strict";
import { chromium, type Page } from "playwright-core";
import {
  exportPublicJwk,
  exportPublicPem,
  importJwk,
  importJwks,
  importPem,
  jwkThumbprint,
  signMessage,
  verifyMessage,
} from "@keymint/core";
import { createApp } from "../../web/app.ts";
import { openssl, opensslAvailable } from "../core/_openssl.ts";

const CHROMIUM = "/usr/bin/chromium";

function haveChromium(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}
const chromiumHere = haveChromium();
if (!chromiumHere) {
  console.log(
    "skipped: no Chromium at /usr/bin/chromium for the Key pair tool",
  );
}
const withOpenssl = await opensslAvailable();

/** What the page shows for one pair, by block id. */
async function shown(page: Page): Promise<Record<string, string>> {
  return await page.evaluate(() => {
    const out: Record<string, string> = {};
    for (
      const code of document.querySelectorAll<HTMLElement>("code[data-keypair]")
    ) {
      out[code.dataset.keypair!] = code.textContent ?? "";
    }
    out.kid =
      document.querySelector<HTMLElement>(".keypair-result")?.dataset.kid ?? "";
    return out;
  });
}

async function checkPair(
  blocks: Record<string, string>,
  kind: string,
  alg: string,
  bits: number,
) {
  const privateJwk = JSON.parse(blocks["private-jwk"]!);
  const publicJwk = JSON.parse(blocks["public-jwk"]!);
  const jwks = JSON.parse(blocks.jwks!);
  assert.equal(publicJwk.alg, alg);
  assert.equal(blocks.kid, await jwkThumbprint(publicJwk));
  assert.equal(privateJwk.kid, blocks.kid);
  assert.deepEqual(jwks, { keys: [publicJwk] });
  const fromPem = await importPem(blocks["private-pem"]!, { alg });
  assert.equal(fromPem.kind, kind);
  assert.equal(fromPem.bits, bits);
  assert.equal(await exportPublicPem(fromPem), blocks["public-pem"]);
  assert.deepEqual(await exportPublicJwk(fromPem), publicJwk);
  const [verifier] = await importJwks(jwks);
  const signature = await signMessage(
    await importJwk(privateJwk),
    "from the page",
  );
  assert.equal(
    await verifyMessage(verifier!, signature, "from the page"),
    true,
  );
  if (kind === "ed25519") {
    assert.match(blocks.whsk!, /^whsk_[A-Za-z0-9+/]{43}=\n$/);
    assert.match(blocks.whpk!, /^whpk_[A-Za-z0-9+/]{43}=\n$/);
  } else {
    assert.equal(blocks.whsk, undefined);
  }
  if (withOpenssl) {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/private.pem`, blocks["private-pem"]!);
      const derived = await openssl(
        dir,
        "pkey",
        "-in",
        "private.pem",
        "-pubout",
      );
      assert.equal(derived.stdout, blocks["public-pem"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
}

Deno.test({
  name:
    "the Key pair tool makes every kind in Chromium, offline, with copy, download and RSA-4096 progress",
  ignore: !chromiumHere,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const app = await createApp({ log: () => {} });
    const server = Deno.serve({
      port: 0,
      hostname: "127.0.0.1",
      onListen: () => {},
    }, app.fetch);
    const base = `http://127.0.0.1:${server.addr.port}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox"],
    });
    try {
      const context = await browser.newContext({ acceptDownloads: true });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], {
        origin: base,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      const scripts: Promise<string>[] = [];
      page.on("response", (response) => {
        if (response.url().endsWith(".js")) scripts.push(response.text());
      });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(`${base}/`, { waitUntil: "networkidle" });

      // The first load carries neither the tool's module nor core's
      // key-pair code: both come when the section is scrolled to.
      assert.ok(
        !requests.some((url) => url.includes("/KeyPair-")),
        requests.join(" "),
      );
      for (const text of await Promise.all(scripts)) {
        assert.doesNotMatch(text, /Cannot make a key pair/);
      }
      const section = page.locator("#key-pair");
      await section.scrollIntoViewIfNeeded();
      const make = section.getByRole("button", { name: "Make key pair" });
      await page.waitForFunction(() =>
        !document.querySelector<HTMLButtonElement>("#kp-make")?.disabled
      );
      const loaded = requests.length;
      assert.ok(requests.some((url) => url.includes("/KeyPair-")));
      const lazy = await Promise.all(scripts);
      assert.ok(lazy.some((text) => /Cannot make a key pair/.test(text)));

      const cases: [string, string, number, string?][] = [
        ["ed25519", "EdDSA", 256],
        ["p256", "ES256", 256],
        ["p384", "ES384", 384],
        ["p521", "ES512", 521],
        ["rsa", "PS256", 2048, "2048"],
        ["rsa", "RS256", 3072, "3072"],
      ];
      for (const [kind, alg, bits, size] of cases) {
        await section.getByLabel("Kind").selectOption(kind);
        await section.getByLabel("Algorithm").selectOption(alg);
        if (size) {
          await section.getByLabel("RSA size (bits)").selectOption(size);
        }
        const before = await page.evaluate(() =>
          document.querySelector<HTMLElement>(".keypair-result")?.dataset.kid ??
            ""
        );
        await make.click();
        await page.waitForFunction((old) => {
          const kid = document.querySelector<HTMLElement>(".keypair-result")
            ?.dataset.kid;
          return kid !== undefined && kid !== old;
        }, before);
        await checkPair(await shown(page), kind, alg, bits);
      }

      // RSA-4096 takes seconds: a progress bar and the elapsed time show.
      await section.getByLabel("RSA size (bits)").selectOption("4096");
      await make.click();
      await section.locator("progress.keypair-progress").waitFor();
      assert.match(
        await section.getByRole("status").innerText(),
        /^Making an RSA-4096 key pair\.\.\. \d+\.\d s$/,
      );
      await section.locator(".keypair-result").waitFor();
      await section.locator("progress.keypair-progress").waitFor({
        state: "detached",
      });
      await checkPair(await shown(page), "rsa", "RS256", 4096);

      // Copy and Download give exactly the text shown.
      const blocks = await shown(page);
      await section.getByRole("button", { name: "Copy Public JWK" }).click();
      assert.equal(
        await page.evaluate(() => navigator.clipboard.readText()),
        blocks["public-jwk"],
      );
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        section.getByRole("button", {
          name: /^Download Private key, PKCS#8 PEM/,
        }).click(),
      ]);
      assert.equal(file.suggestedFilename(), "signing.private.pem");
      const path = await file.path();
      assert.equal(await Deno.readTextFile(path), blocks["private-pem"]);

      // Nothing left the page once the tool had loaded: no request at all.
      assert.deepEqual(
        requests.slice(loaded).filter((url) => !url.startsWith("blob:")),
        [],
      );
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});

Deno.test("the Key pair section is labelled, and its button is disabled until hydration", async () => {
  const app = await createApp({ log: () => {} });
  const html = await (await app.request("/")).text();
  const start = html.indexOf('<section id="key-pair"');
  assert.notEqual(start, -1, "the home page has no key-pair section");
  const section = html.slice(start, html.indexOf("</section>", start));
  assert.match(
    section,
    /<h2 id="key-pair-heading">Make a signing key pair<\/h2>/,
  );
  for (const id of ["kp-kind", "kp-alg"]) {
    assert.match(section, new RegExp(`<label for="${id}">[^<]+</label>`), id);
  }
  assert.match(
    section,
    /<button type="submit" class="primary" id="kp-make" disabled[^>]*>Make key pair<\/button>/,
  );
  assert.match(section, /role="status" aria-live="polite"/);
  assert.doesNotMatch(section, /\bname=|\baction=/);
  // The section waits to be scrolled to: its island hydrates lazily.
  assert.match(
    section,
    /data-island="KeyPair"[^>]*data-hydrate="visible"|data-hydrate="visible"[^>]*data-island="KeyPair"/,
  );
});
