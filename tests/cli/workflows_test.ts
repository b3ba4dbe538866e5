/**
 * The release workflows cannot run here, so they are read: parsed as YAML
 * (npm yaml) and checked against the tasks in deno.json, the pinned Deno
 * version in .deno-version, the package names, and the README.
 */

import assert from "node:assert/strict";
import { parse } from "yaml";
import { TARGETS } from "../../cli/build_binaries.ts";

const ROOT = new URL("../../", import.meta.url);

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  "working-directory"?: string;
}
interface Job {
  steps?: Step[];
  uses?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

async function read(path: string): Promise<string> {
  return await Deno.readTextFile(new URL(path, ROOT));
}

async function workflows(): Promise<Record<string, Workflow>> {
  return {
    ci: parse(await read(".github/workflows/ci.yml")),
    release: parse(await read(".github/workflows/release.yml")),
  };
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
}

/** Everything wrong with the workflows; empty when they hold together. */
function problems(
  all: Record<string, Workflow>,
  tasks: Record<string, string>,
  packages: { core: string; cli: string },
): string[] {
  const found: string[] = [];
  const { ci, release } = all;
  if (!ci || !release) return ["a workflow is missing"];
  if (!("push" in ci.on)) found.push("ci does not run on push");
  if (!steps(ci).some((step) => step.run?.trim() === ".ci/run")) {
    found.push("ci does not run .ci/run");
  }
  const push = release.on.push as { tags?: string[] } | undefined;
  if (!push?.tags?.includes("v*")) {
    found.push("release does not run on v* tags");
  }
  for (const [name, workflow] of Object.entries(all)) {
    for (const step of steps(workflow)) {
      if (step.uses?.startsWith("denoland/setup-deno")) {
        if (step.with?.["deno-version-file"] !== ".deno-version") {
          found.push(`${name}: setup-deno does not read .deno-version`);
        }
      }
      for (const task of step.run?.matchAll(/deno task ([\w:-]+)/g) ?? []) {
        if (!(task[1]! in tasks)) found.push(`${name}: no task ${task[1]}`);
      }
    }
  }
  const runs = steps(release).map((step) => step.run ?? "");
  if (!runs.includes("deno task compile")) {
    found.push("release does not build with deno task compile");
  }
  if (!runs.some((run) => /sha256sum keymint-\* > SHA256SUMS/.test(run))) {
    found.push("release writes no SHA256SUMS");
  }
  if (!runs.some((run) => run.includes("dist/SHA256SUMS"))) {
    found.push("release does not attach SHA256SUMS");
  }
  const publishing = Object.values(release.jobs).filter((job) =>
    job.steps?.some((step) => step.run === "deno publish")
  );
  for (const job of publishing) {
    if (job.permissions?.["id-token"] !== "write") {
      found.push("a publish job has no id-token: write (no provenance)");
    }
  }
  const published = steps(release).filter((step) => step.run === "deno publish")
    .map((step) => step["working-directory"]);
  if (published.join(",") !== "core,cli") {
    found.push(`release publishes ${published.join(",")}, not core then cli`);
  }
  if (packages.core !== "@keymint/core" || packages.cli !== "@keymint/cli") {
    found.push("the package names changed");
  }
  if (
    !Object.values(release.jobs).some((job) =>
      job.uses === "./.github/workflows/ci.yml"
    )
  ) {
    found.push("release does not run the tests first");
  }
  return found;
}

async function context() {
  const config = JSON.parse(await read("deno.json"));
  const packages = {
    core: JSON.parse(await read("core/deno.json")).name,
    cli: JSON.parse(await read("cli/deno.json")).name,
  };
  return { tasks: config.tasks as Record<string, string>, packages };
}

Deno.test("the workflows call .ci/run, deno task compile and deno publish with the pinned Deno", async () => {
  const { tasks, packages } = await context();
  assert.deepEqual(problems(await workflows(), tasks, packages), []);
  assert.equal(TARGETS.length, 5);
  // The pinned version is the one .ci/run and the README use.
  const pinned = (await read(".deno-version")).trim();
  assert.match(pinned, /^\d+\.\d+\.\d+$/);
  assert.ok((await read(".ci/run")).includes(".deno-version"));
  assert.ok(
    (await read("README.md")).includes(`npx -y deno@${pinned} task test`),
  );
});

Deno.test("the workflow check finds each kind of drift", async () => {
  const { tasks, packages } = await context();
  const mutations: [string, (all: Record<string, Workflow>) => void][] = [
    ["no task", (all) => {
      steps(all.release!).find((s) => s.run === "deno task compile")!.run =
        "deno task build-binaries";
    }],
    ["does not read .deno-version", (all) => {
      steps(all.release!).find((s) => s.uses?.startsWith("denoland"))!.with = {
        "deno-version": "2.0.0",
      };
    }],
    ["SHA256SUMS", (all) => {
      steps(all.release!).find((s) => s.run?.startsWith("sha256sum"))!.run =
        "true";
    }],
    ["provenance", (all) => {
      delete all.release!.jobs.publish!.permissions!["id-token"];
    }],
    [".ci/run", (all) => {
      steps(all.ci!).find((s) => s.run === ".ci/run")!.run = "deno task test";
    }],
  ];
  for (const [what, mutate] of mutations) {
    const all = await workflows();
    mutate(all);
    const found = problems(all, tasks, packages);
    assert.ok(found.some((p) => p.includes(what)), `${what}: ${found}`);
  }
});

Deno.test("the README's install section says where the binaries come from", async () => {
  const readme = await read("README.md");
  const install = readme.slice(
    readme.indexOf("## Install"),
    readme.indexOf("\n## ", readme.indexOf("## Install") + 3),
  );
  assert.match(install, /releases/i);
  assert.match(install, /SHA256SUMS/);
  assert.match(install, /sha256sum -c/);
});
