/**
 * `keymint preset [NAME]`: a framework's secret in its exact format, or the
 * list of presets.
 *
 * @module
 */

import {
  type LooseKeyOptions,
  parseKeySpec,
  PRESETS,
} from "@keymint/core/keys";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import {
  quoteArgument,
  UsageError,
  writeText,
  writeWarnings,
} from "./_message.ts";
import { checkWriteOptions, writeKeys } from "./_write_keys.ts";

const FLAGS: FlagTable = {
  count: { type: "string", short: "n" },
  json: { type: "boolean" },
  env: { type: "string" },
};

/** The preset command. */
export const presetCommand: Command = {
  help: `keymint preset: a secret in the exact format a framework expects

Usage:
  keymint preset                      list the presets (name, env var, output)
  keymint preset --json               the preset table as JSON
  keymint preset NAME [--count N] [--json | --env [VAR]]

Flags:
  -n, --count N   how many secrets, one a line (default 1)
      --json      one JSON document: an array of objects
      --env       print VAR=<secret> with the variable the framework reads;
                  --env VAR or --env=VAR names another variable

Examples:
  keymint preset laravel              base64:... for APP_KEY
  keymint preset laravel --env >> .env
  keymint preset django --env DJANGO_SECRET_KEY
  keymint preset jwt-hs256 --json
`,
  run: preset,
};

async function preset(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(bareEnvFlag(args), FLAGS);
  if (positionals.length > 1) {
    throw new UsageError(
      `Cannot parse arguments: unexpected argument ${
        quoteArgument(positionals[1]!)
      } (only one preset NAME is taken)`,
    );
  }
  const name = positionals[0];
  if (name === undefined) {
    if (values.count !== undefined || values.env !== undefined) {
      throw new UsageError(
        "Cannot list presets with --count or --env: name a preset",
      );
    }
    await writeText(
      io.stdout,
      values.json ? JSON.stringify(PRESETS, null, 2) + "\n" : presetTable(),
    );
    return 0;
  }

  const options: LooseKeyOptions = { preset: name };
  if (typeof values.count === "string") options.count = values.count;
  const spec = parseKeySpec(options);
  const output = {
    json: values.json === true,
    env: values.env === "" ? spec.env : envName(values.env),
  };
  checkWriteOptions(spec, output);
  await writeWarnings(io, spec.warnings);
  await writeKeys(spec, io, output);
  return 0;
}

function envName(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * `--env` may stand alone here. A bare `--env` (last, or followed by a flag
 * or a lower-case word such as a preset name) becomes `--env=`, which means
 * "the preset's own variable".
 */
function bareEnvFlag(args: readonly string[]): string[] {
  const rewritten: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      rewritten.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const takesNext = next !== undefined && /^[A-Z_][A-Z0-9_]*$/.test(next);
    rewritten.push(arg === "--env" && !takesNext ? "--env=" : arg);
  }
  return rewritten;
}

function presetTable(): string {
  const nameWidth = Math.max(...PRESETS.map((p) => p.name.length)) + 2;
  const envWidth = Math.max(...PRESETS.map((p) => p.env.length)) + 2;
  const rows = PRESETS.map((p) =>
    `${p.name.padEnd(nameWidth)}${p.env.padEnd(envWidth)}${p.output}`
  );
  const header = `${"NAME".padEnd(nameWidth)}${"ENV".padEnd(envWidth)}OUTPUT`;
  return [header, ...rows].join("\n") + "\n";
}
