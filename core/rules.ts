/**
 * Detection rules for one key shape, for the scanners people already run:
 * gitleaks, trufflehog, GitHub secret scanning custom patterns, secretlint,
 * and a plain regular expression. Each comes with a freshly made example
 * key whose checksum is valid.
 *
 * @module
 */

import { createKeyGenerator } from "./generate.ts";
import {
  entropyFloor,
  type KeyPattern,
  keyPattern,
  keyShapeOf,
} from "./rules_shape.ts";
import type { KeySpec } from "./options.ts";

/** The rule formats, in the order `all` writes them. */
export const RULE_FORMATS: readonly RuleFormat[] = /* @__PURE__ */ Object
  .freeze([
    "gitleaks",
    "trufflehog",
    "github",
    "secretlint",
    "regex",
  ]);

/** The name of a rule format. */
export type RuleFormat =
  | "gitleaks"
  | "trufflehog"
  | "github"
  | "secretlint"
  | "regex";

/** A GitHub secret scanning custom pattern, field by field. */
export interface GitHubPattern {
  /** The pattern's name. */
  readonly name: string;
  /** "Secret format": the key alone. */
  readonly secretFormat: string;
  /** "Before secret". */
  readonly beforeSecret: string;
  /** "After secret". */
  readonly afterSecret: string;
  /** "Test string": an example key to paste into the dry run. */
  readonly testString: string;
}

/** The rules for one key shape. */
export interface KeyRules {
  /** A rule id: `keymint-` and the prefix with `_` as `-`. */
  readonly id: string;
  /** The prefix, without its separator. */
  readonly prefix: string;
  /** One sentence saying what the rule finds. */
  readonly description: string;
  /** A freshly generated key of the shape (a valid checksum when it has one). */
  readonly example: string;
  /** The whole key length. */
  readonly length: number;
  /** Whether keys of the shape carry a CRC-32 checksum. */
  readonly checksum: boolean;
  /** The gitleaks entropy floor (bits per character of the whole key). */
  readonly entropy: number;
  /** The plain expression (the key in group 1) and its parts. */
  readonly pattern: KeyPattern;
  /** The options that make this shape again (for `keymint.rules.json`). */
  readonly shape: ShapeOptions;
}

/** Key options that pin a shape exactly: what a rules config file stores. */
export interface ShapeOptions {
  /** The prefix. */
  readonly prefix: string;
  /** The body format. */
  readonly format: string;
  /** The body's exact character count. */
  readonly length: number;
  /** Whether the key ends with a checksum. */
  readonly checksum: boolean;
  /** The characters of a custom format. */
  readonly alphabet?: string;
}

/**
 * Makes the detection rules for the keys a prefixed spec describes.
 *
 * @param spec A spec from `parseKeySpec`, with a prefix.
 * @returns The rules, with a fresh example key.
 * @throws {TypeError} When the spec has no prefix.
 *
 * @example
 * ```ts
 * import { parseKeySpec, rulesFor } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const rules = rulesFor(parseKeySpec({ prefix: "acme_live" }));
 * assert.equal(rules.id, "keymint-acme-live");
 * assert.match(rules.example, new RegExp(rules.pattern.regex));
 * ```
 */
export function rulesFor(spec: KeySpec): KeyRules {
  const shape = keyShapeOf(spec);
  const prefix = spec.prefix!;
  const options: ShapeOptions = {
    prefix,
    format: spec.format,
    length: spec.bodyLength,
    checksum: spec.checksum,
    ...(spec.format === "custom" ? { alphabet: spec.alphabet } : {}),
  };
  return {
    id: `keymint-${prefix.replaceAll("_", "-")}`,
    prefix,
    description: `${prefix}_ keys (${spec.format}, ${spec.length} characters${
      spec.checksum ? ", CRC-32 checksum" : ""
    }) made by keymint`,
    example: createKeyGenerator(spec)(),
    length: spec.length,
    checksum: spec.checksum,
    entropy: entropyFloor(shape),
    pattern: keyPattern(shape),
    shape: options,
  };
}

/**
 * Writes rules in one scanner's own format, ready to paste into its config.
 *
 * - `gitleaks`: a `[[rules]]` TOML table (id, description, regex,
 *   secretGroup, entropy, keywords) and its example in a comment.
 * - `trufflehog`: a custom regex detector in YAML.
 * - `github`: the custom pattern's fields (secret format, before and after
 *   secret, test string), one per line.
 * - `secretlint`: a `.secretlintrc.json` using
 *   `@secretlint/secretlint-rule-pattern`.
 * - `regex`: the expression alone.
 *
 * @param rules The rules from {@linkcode rulesFor}, one or more shapes.
 * @param format The scanner.
 * @returns The text, ending with a newline.
 *
 * @example
 * ```ts
 * import { formatRules, parseKeySpec, rulesFor } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const toml = formatRules([rulesFor(parseKeySpec({ prefix: "acme" }))], "gitleaks");
 * assert.match(toml, /^\[\[rules\]\]\nid = "keymint-acme"/m);
 * ```
 */
export function formatRules(
  rules: readonly KeyRules[],
  format: RuleFormat,
): string {
  switch (format) {
    case "gitleaks":
      return rules.map(gitleaksRule).join("\n");
    case "trufflehog":
      return "detectors:\n" + rules.map(trufflehogDetector).join("");
    case "github":
      return rules.map((r) => githubText(githubPattern(r))).join("\n");
    case "secretlint":
      return JSON.stringify(secretlintConfig(rules), null, 2) + "\n";
    case "regex":
      return rules.map((r) => r.pattern.regex + "\n").join("");
  }
}

/**
 * The GitHub custom pattern for a shape: the fields of the "New pattern"
 * form. Hyperscan, GitHub's engine, reads the same subset of syntax as RE2.
 *
 * @param rules The rules for one shape.
 * @returns The pattern's fields.
 *
 * @example
 * ```ts
 * import { githubPattern, parseKeySpec, rulesFor } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pattern = githubPattern(rulesFor(parseKeySpec({ prefix: "acme" })));
 * assert.equal(pattern.beforeSecret, "\\A|[^0-9A-Za-z_]");
 * ```
 */
export function githubPattern(rules: KeyRules): GitHubPattern {
  return {
    name: `${rules.prefix}_ keys (keymint)`,
    secretFormat: rules.pattern.secret,
    beforeSecret: rules.pattern.before,
    afterSecret: rules.pattern.after,
    testString: rules.example,
  };
}

/**
 * A `.secretlintrc.json` object that finds the shapes with
 * `@secretlint/secretlint-rule-pattern`.
 *
 * @param rules The rules, one per shape.
 * @returns The config object.
 *
 * @example
 * ```ts
 * import { parseKeySpec, rulesFor, secretlintConfig } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const config = secretlintConfig([rulesFor(parseKeySpec({ prefix: "acme" }))]);
 * assert.equal(config.rules[0]!.id, "@secretlint/secretlint-rule-pattern");
 * ```
 */
export function secretlintConfig(rules: readonly KeyRules[]): {
  rules: {
    id: string;
    options: { patterns: { name: string; patterns: string[] }[] };
  }[];
} {
  return {
    rules: [{
      id: "@secretlint/secretlint-rule-pattern",
      options: {
        patterns: rules.map((r) => ({
          name: r.id,
          patterns: [`/${r.pattern.regex.replaceAll("/", "\\/")}/`],
        })),
      },
    }],
  };
}

function gitleaksRule(rules: KeyRules): string {
  // JSON string syntax is a subset of TOML's basic strings.
  const lines = [
    "[[rules]]",
    `id = ${JSON.stringify(rules.id)}`,
    `description = ${JSON.stringify(rules.description)}`,
    `regex = ${JSON.stringify(rules.pattern.regex)}`,
    "secretGroup = 1",
    ...(rules.entropy > 0 ? [`entropy = ${rules.entropy}`] : []),
    `keywords = [${JSON.stringify(`${rules.prefix}_`)}]`,
    `# example: ${rules.example}`,
  ];
  return lines.join("\n") + "\n";
}

function trufflehogDetector(rules: KeyRules): string {
  return [
    `  - name: ${yamlQuote(rules.id)}`,
    "    keywords:",
    `      - ${yamlQuote(`${rules.prefix}_`)}`,
    "    regex:",
    `      key: ${yamlQuote(rules.pattern.regex)}`,
    `    # example: ${rules.example}`,
  ].join("\n") + "\n";
}

function githubText(pattern: GitHubPattern): string {
  return [
    `Name: ${pattern.name}`,
    `Secret format: ${pattern.secretFormat}`,
    `Before secret: ${pattern.beforeSecret}`,
    `After secret: ${pattern.afterSecret}`,
    `Test string: ${pattern.testString}`,
  ].join("\n") + "\n";
}

/** A YAML single-quoted scalar: only `'` needs escaping, as `''`. */
function yamlQuote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Every format's rules for one shape, as one JSON-ready object. */
export interface RulesDocument {
  /** The rule id. */
  readonly id: string;
  /** The prefix. */
  readonly prefix: string;
  /** What the rules find. */
  readonly description: string;
  /** The whole key length. */
  readonly length: number;
  /** Whether keys carry a checksum. */
  readonly checksum: boolean;
  /** The gitleaks entropy floor. */
  readonly entropy: number;
  /** A fresh example key. */
  readonly example: string;
  /** The plain regular expression, the key in group 1. */
  readonly regex: string;
  /** The gitleaks `[[rules]]` TOML. */
  readonly gitleaks: string;
  /** The trufflehog detector YAML. */
  readonly trufflehog: string;
  /** The GitHub custom pattern fields. */
  readonly github: GitHubPattern;
  /** The `.secretlintrc.json` object. */
  readonly secretlint: ReturnType<typeof secretlintConfig>;
  /** The options that make the shape again. */
  readonly shape: ShapeOptions;
}

/**
 * Puts every format's rules for one shape in one object: what
 * `keymint rules --json` prints and `GET /api/v1/rules` answers.
 *
 * @param rules The rules from {@linkcode rulesFor}.
 * @returns The document.
 *
 * @example
 * ```ts
 * import { parseKeySpec, rulesDocument, rulesFor } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const doc = rulesDocument(rulesFor(parseKeySpec({ prefix: "acme" })));
 * assert.match(doc.gitleaks, /^\[\[rules\]\]/);
 * assert.equal(doc.github.testString, doc.example);
 * ```
 */
export function rulesDocument(rules: KeyRules): RulesDocument {
  return {
    id: rules.id,
    prefix: rules.prefix,
    description: rules.description,
    length: rules.length,
    checksum: rules.checksum,
    entropy: rules.entropy,
    example: rules.example,
    regex: rules.pattern.regex,
    gitleaks: formatRules([rules], "gitleaks"),
    trufflehog: formatRules([rules], "trufflehog"),
    github: githubPattern(rules),
    secretlint: secretlintConfig([rules]),
    shape: rules.shape,
  };
}
