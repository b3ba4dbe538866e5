/**
 * `keymint rules --prefix P`: scanner rules for the keys that prefix makes.
 *
 * @module
 */

import {
  addToRulesConfig,
  formatRules,
  parseKeySpec,
  readRulesConfig,
  RULE_FORMATS,
  type RuleFormat,
  rulesDocument,
  rulesFor,
  type ShapeOptions,
} from "@keymint/core";
import { FORMATS, MAX_KEY_LENGTH } from "@keymint/core/keys";
import { checkKeyNames } from "@keymint/core/faces";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { flagHelp } from "./_help.ts";
import { JSON_FLAG, writeJson } from "./_output.ts";
import {
  CommandFailed,
  quoteArgument,
  UsageError,
  writeText,
  writeWarnings,
} from "./_message.ts";
import { readBoundedFile } from "./_read_file.ts";

const FORMAT_NAMES = [...RULE_FORMATS, "all"] as const;

const FLAGS = {
  prefix: {
    type: "string",
    short: "p",
    placeholder: "P",
    summary: "the keys' prefix, as given to keymint --prefix",
  },
  bits: {
    type: "string",
    short: "b",
    placeholder: "N",
    summary: "the keys' entropy, as given to keymint (default 256)",
  },
  length: {
    type: "string",
    short: "l",
    placeholder: "N",
    summary: `the body's exact length instead, 1..${MAX_KEY_LENGTH}`,
  },
  alphabet: {
    type: "string",
    placeholder: "CHARS",
    summary: "the characters of a custom format",
  },
  "no-checksum": {
    type: "boolean",
    summary: "the keys carry no CRC-32 checksum",
  },
  format: {
    type: "string",
    placeholder: "NAME",
    complete: FORMAT_NAMES,
    summary: `the scanner: ${RULE_FORMATS.join(", ")} or all (default all)`,
  },
  config: {
    type: "string",
    placeholder: "FILE",
    complete: "file",
    summary:
      "also add the shape to this keymint.rules.json, which\nkeymint scan --config reads",
  },
  ...JSON_FLAG,
} as const satisfies FlagTable;

const TITLES: Readonly<Record<RuleFormat, string>> = {
  gitleaks: "gitleaks: add to .gitleaks.toml",
  trufflehog: "trufflehog: a custom detector (trufflehog --config FILE)",
  github:
    "GitHub secret scanning: Settings > Advanced Security > New pattern > More options",
  secretlint: "secretlint: .secretlintrc.json",
  regex: "regular expression (RE2 syntax; the key is group 1)",
};

/** The rules command. */
export const rulesCommand: Command = {
  help: `keymint rules: scanner rules that find your keys when they leak

Writes detection rules for the keys keymint makes with the same FORMAT and
flags: gitleaks, trufflehog, a GitHub secret scanning custom pattern,
secretlint and a plain regular expression. Each rule is exact (the key's
length, word-bounded), valid RE2 (no lookaround, no backreferences) and
comes with a freshly made example key whose checksum is valid.

Usage:
  keymint rules --prefix P [FORMAT] [--bits N | --length N] [--no-checksum]
                [--format NAME|all] [--json] [--config FILE]

Flags:
${flagHelp(FLAGS)}
Examples:
  keymint rules --prefix acme_live --format gitleaks >> .gitleaks.toml
  keymint rules --prefix acme_live --config keymint.rules.json
  keymint scan --config keymint.rules.json .
`,
  flags: FLAGS,
  operands: FORMATS.flatMap((format) => [format.name, ...format.aliases]),
  run: rules,
};

async function rules(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  if (values.prefix === undefined || values.prefix === "") {
    throw new UsageError(
      "Cannot make rules: --prefix is missing",
      "rules find prefixed keys: keymint rules --prefix acme_live",
    );
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `Cannot parse arguments: unexpected argument ${
        quoteArgument(positionals[1]!)
      } (only one FORMAT is taken)`,
    );
  }
  const format = values.format ?? "all";
  if (!(FORMAT_NAMES as readonly string[]).includes(format)) {
    throw new UsageError(
      `Cannot make rules: unknown --format ${quoteArgument(format)}`,
      `use one of ${FORMAT_NAMES.join(", ")}`,
    );
  }
  const options = {
    prefix: values.prefix,
    ...(positionals[0] === undefined ? {} : { format: positionals[0] }),
    ...(values.bits === undefined ? {} : { bits: values.bits }),
    ...(values.length === undefined ? {} : { length: values.length }),
    ...(values.alphabet === undefined ? {} : { alphabet: values.alphabet }),
    ...(values["no-checksum"] ? { checksum: false } : {}),
    // Rules describe a shape that exists already: a weak one is warned
    // about, not refused.
    allowWeak: true,
  };
  checkKeyNames(options);
  const spec = parseKeySpec(options);
  await writeWarnings(io, spec.warnings);
  const made = rulesFor(spec);
  if (values.config !== undefined) await addToConfig(values.config, made.shape);
  if (values.json) {
    const doc = rulesDocument(made);
    if (format === "all") {
      await writeJson(io, doc);
    } else {
      await writeJson(io, {
        id: doc.id,
        example: doc.example,
        format,
        rule: format === "github"
          ? doc.github
          : format === "secretlint"
          ? doc.secretlint
          : formatRules([made], format as RuleFormat),
      });
    }
    return 0;
  }
  if (format !== "all") {
    await writeText(io.stdout, formatRules([made], format as RuleFormat));
    return 0;
  }
  const sections = RULE_FORMATS.map((name) =>
    `## ${TITLES[name]}\n\n${formatRules([made], name)}`
  );
  await writeText(io.stdout, sections.join("\n"));
  return 0;
}

const MAX_CONFIG_BYTES = 1 << 20;

/** Adds the shape to a rules config file, replacing it atomically. */
async function addToConfig(path: string, shape: ShapeOptions): Promise<void> {
  if (path === "") throw new UsageError("Cannot use --config: FILE is empty");
  const bytes = await readBoundedFile(path, {
    maxBytes: MAX_CONFIG_BYTES,
    label: "the rules config",
    missingOk: true,
  });
  let config;
  if (bytes !== undefined) {
    const text = new TextDecoder().decode(bytes);
    readRulesConfig(text); // throws for a file that is not a rules config
    config = JSON.parse(text);
  }
  const next = addToRulesConfig(config, [shape]);
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await Deno.writeTextFile(temporary, JSON.stringify(next, null, 2) + "\n");
    await Deno.rename(temporary, path);
  } catch {
    await Deno.remove(temporary).catch(() => {});
    throw new CommandFailed(`cannot write ${quoteArgument(path)}`);
  }
}
