/**
 * The man page: made from the help texts, up to date in the repository,
 * and rendered by groff and man without a single warning.
 */

import assert from "node:assert/strict";
import { MAN_PAGE, renderManPage } from "../../cli/build_man.ts";
import { manPage } from "../../cli/_man.ts";
import { runWith } from "./_run_with.ts";

function installed(program: string): boolean {
  try {
    new Deno.Command(program, {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    })
      .outputSync();
    return true;
  } catch {
    console.log(
      `skipped: ${program} is not installed (apt-get install ${
        program === "man" ? "man-db" : program
      })`,
    );
    return false;
  }
}

/** Drops the overstrike bold and underline of terminal output (x BS x). */
function plain(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i + 1] === "\b") i++;
    else out += text[i];
  }
  return out;
}

const HAS_GROFF = installed("groff");
const HAS_MAN = installed("man");

async function render(
  program: string,
  args: string[],
  page: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = await Deno.makeTempFile({ suffix: ".1" });
  await Deno.writeTextFile(file, page);
  const { code, stdout, stderr } = await new Deno.Command(program, {
    args: [...args, file],
    env: { MANWIDTH: "80", MAN_KEEP_FORMATTING: "0", LC_ALL: "C.UTF-8" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  await Deno.remove(file);
  const decoder = new TextDecoder();
  return {
    code,
    stdout: decoder.decode(stdout),
    stderr: decoder.decode(stderr),
  };
}

Deno.test("cli/keymint.1 is what deno task man makes from the help texts", async () => {
  assert.equal(
    await Deno.readTextFile(MAN_PAGE),
    await renderManPage(),
    "cli/keymint.1 is stale: run deno task man",
  );
});

Deno.test({
  name: "groff -man -Tutf8 -ww renders the page without warnings",
  ignore: !HAS_GROFF,
  async fn() {
    const page = await renderManPage();
    const { code, stdout, stderr } = await render(
      "groff",
      ["-man", "-Tutf8", "-ww"],
      page,
    );
    assert.equal(code, 0);
    assert.equal(stderr, "");
    // Every command and every flag of the main help is on the page.
    const text = plain(stdout);
    for (const { stdout: help } of [await runWith(["--help"])]) {
      for (const flag of help.matchAll(/--[a-z-]+/g)) {
        assert.ok(text.includes(flag[0]), flag[0]);
      }
    }
    for (
      const name of [
        "preset",
        "pair",
        "hash",
        "verify",
        "inspect",
        "webhook",
        "completions",
        "help",
      ]
    ) {
      assert.ok(text.includes(`keymint ${name}`), name);
    }
  },
});

Deno.test({
  name:
    "groff -ww does warn about a page that is not escaped (the check can fail)",
  ignore: !HAS_GROFF,
  async fn() {
    const broken = `.TH X 1\n.SH NAME\nx\n.zz not a request\n`;
    const { stderr } = await render("groff", ["-man", "-Tutf8", "-ww"], broken);
    assert.notEqual(stderr, "");
    // The same text through manPage() is escaped and renders cleanly.
    const page = manPage("0", "keymint: x\n\n.zz not a request \\ back\n", []);
    const clean = await render("groff", ["-man", "-Tutf8", "-ww"], page);
    assert.equal(clean.stderr, "");
    assert.match(clean.stdout, /\.zz not a request \\ back/);
  },
});

Deno.test({
  name: "man -l shows the page without warnings",
  ignore: !HAS_MAN,
  async fn() {
    const { code, stdout, stderr } = await render(
      "man",
      ["-l"],
      await renderManPage(),
    );
    assert.equal(code, 0);
    assert.equal(stderr, "");
    const text = plain(stdout);
    assert.match(text, /^KEYMINT\(1\)/);
    assert.match(text, /^EXIT CODES$/m);
  },
});
