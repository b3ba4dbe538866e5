/**
 * Supply chain: every import in core/, cli/ and web/ goes through a
 * deno.json import map entry with a version, and deno.lock matches the
 * deno.json files (`deno install --frozen`).
 *
 * The lock checks run `deno install --frozen` in a scratch copy of the
 * configuration, so they never write to the checkout. Note that plain
 * `deno test` rewrites an out-of-date deno.lock in the checkout before any
 * test runs; the test of the committed lock (taken from git) is the one
 * that catches a stale lock in CI.
 */

import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);
const CHECKED_MEMBERS = ["core", "cli", "web"];
const SOURCE_FILE = /\.(ts|tsx|mts|js|jsx|mjs)$/;
const SKIPPED_DIRECTORIES = new Set(["node_modules", "dist", "build"]);

interface DenoConfig {
  name?: string;
  workspace?: string[];
  imports?: Record<string, string>;
  exports?: string | Record<string, string>;
  compilerOptions?: { jsxImportSource?: string };
}

interface Member {
  dir: string;
  config: DenoConfig;
}

function readConfig(path: string): DenoConfig {
  return JSON.parse(Deno.readTextFileSync(new URL(path, ROOT))) as DenoConfig;
}

function members(): Member[] {
  const root = readConfig("deno.json");
  return (root.workspace ?? []).map((entry) => {
    const dir = entry.replace(/^\.\//, "").replace(/\/$/, "");
    return { dir, config: readConfig(`${dir}/deno.json`) };
  });
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of Deno.readDirSync(new URL(`${dir}/`, ROOT))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory && !SKIPPED_DIRECTORIES.has(entry.name)) {
      yield* sourceFiles(path);
    } else if (entry.isFile && SOURCE_FILE.test(entry.name)) {
      yield path;
    }
  }
}

/**
 * The module specifiers a file names: static and dynamic imports, re-exports,
 * `import.meta.resolve`, type references and the JSX pragma. Doc examples in
 * comments count too: `deno test --doc` type-checks them.
 */
export function importSpecifiers(source: string): string[] {
  const patterns = [
    /\bfrom\s*["']([^"'\n]+)["']/g,
    /\bimport\s*["']([^"'\n]+)["']/g,
    /\bimport\s*\(\s*["']([^"'\n]+)["']\s*\)/g,
    /\bimport\.meta\.resolve\(\s*["']([^"'\n]+)["']\s*\)/g,
    /<reference\s+types\s*=\s*["']([^"'\n]+)["']/g,
    /@jsxImportSource\s+([^\s*]+)/g,
  ];
  const found = new Set<string>();
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      const specifier = match[1]!;
      // Text assembled at run time (code generators) is not an import here.
      if (!specifier.includes("${")) found.add(specifier);
    }
  }
  return [...found];
}

/** The import map target for `specifier`: exact key first, then the longest "x/" prefix. */
function mapped(
  specifier: string,
  imports: Record<string, string>,
): string | undefined {
  if (specifier in imports) return imports[specifier];
  const prefixes = Object.keys(imports)
    .filter((key) => key.endsWith("/") && specifier.startsWith(key))
    .sort((a, b) => b.length - a.length);
  const prefix = prefixes[0];
  return prefix === undefined ? undefined : imports[prefix];
}

/** Whether `specifier` names a workspace member (by its name) and one of its exports. */
function isWorkspaceExport(specifier: string, all: Member[]): boolean {
  return all.some(({ config }) => {
    if (config.name === undefined) return false;
    if (specifier === config.name) return true;
    if (!specifier.startsWith(`${config.name}/`)) return false;
    const subpath = `./${specifier.slice(config.name.length + 1)}`;
    return typeof config.exports === "object" && subpath in config.exports;
  });
}

/** `npm:name@range`, `npm:/name@range/`, `jsr:@scope/name@range`: a registry package with a version. */
const VERSIONED = /^(npm|jsr):\/?(@[a-z0-9._-]+\/)?[a-z0-9._-]+@[^/\s]+\/?$/i;

/** The reasons `specifier` (in a file of `member`) is not pinned, or undefined when it is. */
function problemWith(
  specifier: string,
  member: Member,
  rootImports: Record<string, string>,
  all: Member[],
): string | undefined {
  if (specifier.startsWith("./") || specifier.startsWith("../")) return;
  if (specifier.startsWith("node:")) return;
  if (/^[a-z]+:/i.test(specifier)) {
    return "names a registry or URL directly instead of a deno.json import";
  }
  if (isWorkspaceExport(specifier, all)) return;
  const target = mapped(specifier, member.config.imports ?? {}) ??
    mapped(specifier, rootImports);
  if (target === undefined) return "is not in any deno.json imports";
  if (target.startsWith("./") || target.startsWith("../")) return;
  if (!VERSIONED.test(target)) {
    return `maps to "${target}", which carries no version`;
  }
}

Deno.test("every import in core/, cli/ and web/ is pinned in a deno.json", () => {
  const rootImports = readConfig("deno.json").imports ?? {};
  const rootJsx = readConfig("deno.json").compilerOptions?.jsxImportSource;
  const all = members();
  const problems: string[] = [];
  let checked = 0;
  for (const dir of CHECKED_MEMBERS) {
    const member = all.find((m) => m.dir === dir);
    assert.ok(member, `${dir}/ is not a workspace member in deno.json`);
    const jsx = member.config.compilerOptions?.jsxImportSource ?? rootJsx;
    for (const file of sourceFiles(dir)) {
      const source = Deno.readTextFileSync(new URL(file, ROOT));
      const specifiers = importSpecifiers(source);
      if (file.endsWith("x") && jsx !== undefined) {
        specifiers.push(`${jsx}/jsx-runtime`);
      }
      for (const specifier of specifiers) {
        checked++;
        const problem = problemWith(specifier, member, rootImports, all);
        if (problem !== undefined) {
          problems.push(`${file}: "${specifier}" ${problem}`);
        }
      }
    }
  }
  assert.ok(checked > 0, "found no imports at all: is the scan broken?");
  assert.deepEqual(problems, []);
});

Deno.test("every deno.json import of a registry package carries a version", () => {
  const configs = [
    { path: "deno.json", config: readConfig("deno.json") },
    ...members().map((m) => ({ path: `${m.dir}/deno.json`, config: m.config })),
  ];
  const unpinned = configs.flatMap(({ path, config }) =>
    Object.entries(config.imports ?? {})
      .filter(([, target]) =>
        !target.startsWith(".") && !VERSIONED.test(target)
      )
      .map(([key, target]) => `${path}: "${key}": "${target}"`)
  );
  assert.deepEqual(unpinned, []);
});

Deno.test("importSpecifiers() finds static, dynamic, re-export and pragma imports", () => {
  const source = [
    `import { a } from "hono";`,
    `import "./side_effect.ts";`,
    `export * from 'npm:left-pad@1';`,
    `const m = await import("@keymint/core");`,
    `/** @jsxImportSource preact */`,
    'const text = `export * from "${name}";`;',
  ].join("\n");
  assert.deepEqual(importSpecifiers(source).sort(), [
    "./side_effect.ts",
    "@keymint/core",
    "hono",
    "npm:left-pad@1",
    "preact",
  ]);
});

Deno.test("no package.json sits beside the deno.json files", () => {
  const places = ["", ...members().map((m) => `${m.dir}/`)];
  const found = places
    .map((dir) => `${dir}package.json`)
    .filter((path) => exists(new URL(path, ROOT)));
  assert.deepEqual(found, []);
});

function exists(url: URL): boolean {
  try {
    Deno.statSync(url);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Package names ("npm:hono", "jsr:@scope/x") that a deno.json imports map declares. */
function declaredPackages(imports: Record<string, string> | undefined) {
  const names = new Set<string>();
  for (const target of Object.values(imports ?? {})) {
    const match = /^(npm|jsr):\/?((?:@[^/@]+\/)?[^/@]+)/.exec(target);
    if (match) names.add(`${match[1]}:${match[2]}`);
  }
  return names;
}

interface LockWorkspace {
  dependencies?: string[];
  members?: Record<string, { dependencies?: string[] }>;
}

function lockedPackages(dependencies: string[] | undefined): Set<string> {
  return declaredPackages(
    Object.fromEntries((dependencies ?? []).map((d, i) => [String(i), d])),
  );
}

/**
 * Copies every deno.json and the given lock text into a scratch directory
 * and runs `deno install --frozen` there.
 */
async function frozenInstall(lockText: string, configs: Map<string, string>) {
  const dir = await Deno.makeTempDir({ prefix: "keymint-lock-" });
  try {
    for (const [path, text] of configs) {
      const target = `${dir}/${path}`;
      await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), {
        recursive: true,
      });
      await Deno.writeTextFile(target, text);
    }
    await Deno.writeTextFile(`${dir}/deno.lock`, lockText);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["install", "--frozen"],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(output.stderr);
    return {
      ok: output.success,
      message: text.split("\n").slice(0, 12).join("\n"),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function workingTreeConfigs(): Map<string, string> {
  const configs = new Map<string, string>();
  configs.set("deno.json", Deno.readTextFileSync(new URL("deno.json", ROOT)));
  for (const { dir } of members()) {
    const path = `${dir}/deno.json`;
    configs.set(path, Deno.readTextFileSync(new URL(path, ROOT)));
  }
  return configs;
}

Deno.test("deno.lock lists the packages of every deno.json", () => {
  const lockUrl = new URL("deno.lock", ROOT);
  assert.ok(exists(lockUrl), "deno.lock is missing: run `deno install`");
  const lock = JSON.parse(Deno.readTextFileSync(lockUrl)) as {
    workspace?: LockWorkspace;
  };
  const workspace = lock.workspace ?? {};
  assert.deepEqual(
    [...lockedPackages(workspace.dependencies)].sort(),
    [...declaredPackages(readConfig("deno.json").imports)].sort(),
    "root deno.json imports and deno.lock disagree",
  );
  for (const { dir, config } of members()) {
    assert.deepEqual(
      [...lockedPackages(workspace.members?.[dir]?.dependencies)].sort(),
      [...declaredPackages(config.imports)].sort(),
      `${dir}/deno.json imports and deno.lock disagree`,
    );
  }
});

Deno.test("deno install --frozen accepts deno.lock as it is on disk", async () => {
  const lock = Deno.readTextFileSync(new URL("deno.lock", ROOT));
  const result = await frozenInstall(lock, workingTreeConfigs());
  assert.ok(result.ok, `deno.lock is out of date:\n${result.message}`);
});

/** `git` in the checkout; undefined when there is no git or no repository. */
function git(...args: string[]): { code: number; stdout: string } | undefined {
  try {
    const output = new Deno.Command("git", {
      args,
      cwd: ROOT,
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    return {
      code: output.code,
      stdout: new TextDecoder().decode(output.stdout),
    };
  } catch {
    return undefined;
  }
}

/**
 * The committed deno.lock, when it can be judged: the lock is tracked and no
 * deno.json differs from the commit (while one is being edited, the lock is
 * expected to lag until both are committed together).
 */
function committedLock(): string | undefined {
  const configPaths = [
    "deno.json",
    ...members().map((m) => `${m.dir}/deno.json`),
  ];
  const tracked = git("ls-files", "--error-unmatch", "deno.lock");
  if (tracked?.code !== 0) return undefined;
  const unchanged = git("diff", "--quiet", "HEAD", "--", ...configPaths);
  if (unchanged?.code !== 0) return undefined;
  const lock = git("show", "HEAD:deno.lock");
  return lock?.code === 0 ? lock.stdout : undefined;
}

const COMMITTED_LOCK = committedLock();

Deno.test({
  name: "deno install --frozen accepts deno.lock as committed",
  ignore: COMMITTED_LOCK === undefined,
  async fn() {
    const result = await frozenInstall(COMMITTED_LOCK!, workingTreeConfigs());
    assert.ok(
      result.ok,
      `the committed deno.lock is out of date (commit the updated one):\n${result.message}`,
    );
  },
});
