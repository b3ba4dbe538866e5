/**
 * The generator's options as the page holds them: the text of each control,
 * how they travel in the page URL, and how they become the loose options
 * that the core validates. Never a key: the URL may be shared.
 *
 * @module
 */

import type { LooseKeyOptions } from "@keymint/core";
import { findFormat, RECOMMENDED_BITS } from "@keymint/core";
import { defaultFormat, readFlag } from "@keymint/core/faces";

/** The state of the generator's controls, as text (what the inputs hold). */
export interface GeneratorOptions {
  /** A preset name, or `""` for none. */
  preset: string;
  /**
   * A canonical format name, or `""` when none was chosen: then the core
   * picks the default for the other options, as the CLI does without a
   * format word (alphanumeric with a prefix, else hex).
   */
  format: string;
  /** The entropy choice, e.g. `"256"`. */
  bits: string;
  /** An exact length in characters, or `""` to size by entropy. */
  length: string;
  /** How many keys to show. */
  count: string;
  /** The characters of a custom alphabet. */
  alphabet: string;
  /** A prefix, or `""` for none. */
  prefix: string;
  /** Whether a prefixed key carries a checksum. */
  checksum: boolean;
}

/** The entropy choices the page offers. */
export const BITS_CHOICES: readonly string[] = [
  "128",
  "192",
  "256",
  "384",
  "512",
];

/** The most keys the page shows at once. */
export const MAX_PAGE_COUNT = 100;

/** A readable default for the custom alphabet: no look-alike characters. */
export const DEFAULT_CUSTOM_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

/** What the controls hold before anyone touches them. */
export const DEFAULT_OPTIONS: Readonly<GeneratorOptions> = {
  preset: "",
  format: "",
  bits: "256",
  length: "",
  count: "1",
  alphabet: DEFAULT_CUSTOM_ALPHABET,
  prefix: "",
  checksum: true,
};

/**
 * Reads the options from a page URL's query. Unknown or malformed values
 * are kept as text so that the generator can say what is wrong with them.
 *
 * @param query The query of the page URL.
 * @param preset The preset named by the path (`/presets/NAME`), if any.
 * @returns The options to start the generator with.
 */
export function optionsFromQuery(
  query: URLSearchParams,
  preset?: string,
): GeneratorOptions {
  const options: GeneratorOptions = { ...DEFAULT_OPTIONS };
  const text = (name: string): string | undefined => {
    const value = query.get(name);
    return value === null ? undefined : value.slice(0, 300);
  };
  options.preset = preset ?? text("preset") ?? "";
  const alphabet = text("alphabet") || undefined;
  if (alphabet !== undefined) options.alphabet = alphabet;
  options.prefix = text("prefix") ?? "";
  const format = text("format");
  if (format === undefined || format === "") {
    options.format = alphabet === undefined ? "" : "custom";
  } else {
    try {
      options.format = findFormat(format).name;
    } catch {
      options.format = format;
    }
  }
  options.bits = text("bits") || options.bits;
  options.length = text("length") ?? "";
  options.count = text("count") || options.count;
  const checksum = text("checksum");
  if (checksum !== undefined) {
    try {
      options.checksum = readFlag("checksum", checksum);
    } catch {
      // Left on; the checkbox cannot show a word it does not know.
      options.checksum = true;
    }
  }
  return options;
}

/**
 * The format the keys have: the chosen one, or the core's default for the
 * other options when none was chosen.
 *
 * @param options The controls' state.
 * @returns A canonical format name.
 */
export function shownFormat(options: GeneratorOptions): string {
  return options.format !== ""
    ? options.format
    : defaultFormat({ prefix: options.prefix });
}

/**
 * Strength in plain words, from the entropy of one key: below the bits the
 * core recommends for secrets it is weak, at or above twice them very
 * strong.
 *
 * @param bits The key's entropy in bits.
 * @returns A rating word and a short explanation.
 */
export function strengthOf(
  bits: number,
): { rating: "weak" | "fair" | "strong" | "very strong"; words: string } {
  if (bits < RECOMMENDED_BITS / 2) {
    return { rating: "weak", words: "weak: a short code, never a secret" };
  }
  if (bits < RECOMMENDED_BITS) {
    return { rating: "fair", words: "fair: too short for a secret" };
  }
  if (bits < 2 * RECOMMENDED_BITS) {
    return { rating: "strong", words: "strong: cannot be guessed" };
  }
  return { rating: "very strong", words: "very strong: cannot be guessed" };
}

/**
 * Turns the controls' state into the loose options that `parseKeySpec`
 * validates: only the fields that apply, so a preset carries only a count.
 *
 * @param options The controls' state.
 * @returns Options for the core's validator.
 */
export function toKeyOptions(options: GeneratorOptions): LooseKeyOptions {
  if (options.preset !== "") {
    return { preset: options.preset, count: options.count };
  }
  const result: LooseKeyOptions = { count: options.count };
  if (options.format !== "") result.format = options.format;
  if (options.length.trim() !== "") result.length = options.length.trim();
  else result.bits = options.bits;
  if (options.format === "custom") result.alphabet = options.alphabet;
  if (options.prefix !== "") {
    result.prefix = options.prefix;
    result.checksum = options.checksum;
  }
  return result;
}

/**
 * The options that differ from the defaults, as query parameters of the
 * HTTP API (which the page URL shares).
 *
 * @param options The controls' state.
 * @returns Name and value pairs, in a stable order.
 */
export function optionsToParams(options: GeneratorOptions): [string, string][] {
  const params: [string, string][] = [];
  const length = options.length.trim();
  if (options.preset !== "") {
    params.push(["preset", options.preset]);
  } else {
    const implied = defaultFormat({ prefix: options.prefix });
    if (options.format !== "" && options.format !== implied) {
      params.push(["format", options.format]);
    }
    if (length !== "") params.push(["length", length]);
    else if (options.bits !== DEFAULT_OPTIONS.bits) {
      params.push(["bits", options.bits]);
    }
    if (options.format === "custom") {
      params.push(["alphabet", options.alphabet]);
    }
    if (options.prefix !== "") {
      params.push(["prefix", options.prefix]);
      if (!options.checksum) params.push(["checksum", "false"]);
    }
  }
  if (options.count !== DEFAULT_OPTIONS.count) {
    params.push(["count", options.count]);
  }
  return params;
}

function queryOf(params: [string, string][]): string {
  const search = new URLSearchParams(params).toString();
  return search ? "?" + search : "";
}

/**
 * The page URL (path and query) that reproduces the options, with only the
 * values that differ from the defaults.
 *
 * @param options The controls' state.
 * @returns A path such as `/?format=base58` or `/presets/laravel?count=3`.
 */
export function optionsToPath(options: GeneratorOptions): string {
  const params = optionsToParams(options);
  if (options.preset === "") return "/" + queryOf(params);
  return `/presets/${encodeURIComponent(options.preset)}${
    queryOf(params.slice(1))
  }`;
}

function shellQuote(text: string): string {
  return /^[\w.,:+=/-]+$/.test(text)
    ? text
    : `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The `keymint` command line that makes keys like these.
 *
 * @param options The controls' state.
 * @returns A shell command such as `keymint base58 --bits 128`.
 */
export function optionsToCommand(options: GeneratorOptions): string {
  const words = ["keymint"];
  for (const [name, value] of optionsToParams(options)) {
    if (name === "preset") words.push("preset", shellQuote(value));
    else if (name === "format") words.push(shellQuote(value));
    else if (name === "checksum") words.push("--no-checksum");
    else words.push("--" + name, shellQuote(value));
  }
  return words.join(" ");
}

/**
 * The `curl` command that asks the HTTP API for keys like these.
 *
 * @param options The controls' state.
 * @param origin The origin the page was served from, e.g. `https://keymint.example`.
 * @returns A shell command.
 */
export function optionsToCurl(
  options: GeneratorOptions,
  origin: string,
): string {
  return "curl " +
    shellQuote(`${origin}/api/v1/keys${queryOf(optionsToParams(options))}`);
}
