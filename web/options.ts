/**
 * The generator's options as the page holds them: the text of each control,
 * how they travel in the page URL, and how they become the loose options
 * that the core validates. Never a key: the URL may be shared.
 *
 * @module
 */

import type { KeyOptions } from "@keymint/core";
import { findFormat } from "@keymint/core";

/** The state of the generator's controls, as text (what the inputs hold). */
export interface GeneratorOptions {
  /** A preset name, or `""` for none. */
  preset: string;
  /** A canonical format name. */
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
  format: "hex",
  bits: "256",
  length: "",
  count: "1",
  alphabet: DEFAULT_CUSTOM_ALPHABET,
  prefix: "",
  checksum: true,
};

const FALSE_WORDS = new Set(["false", "0", "no", "off"]);

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
  const format = text("format");
  if (format !== undefined && format !== "") {
    try {
      options.format = findFormat(format).name;
    } catch {
      options.format = format;
    }
  }
  options.bits = text("bits") || options.bits;
  options.length = text("length") ?? "";
  options.count = text("count") || options.count;
  const alphabet = text("alphabet");
  if (alphabet) {
    options.alphabet = alphabet;
    if (format === undefined || format === "") options.format = "custom";
  }
  options.prefix = text("prefix") ?? "";
  const checksum = text("checksum");
  if (checksum !== undefined) {
    options.checksum = !FALSE_WORDS.has(checksum.toLowerCase());
  }
  return options;
}

/**
 * Turns the controls' state into the loose options that `parseKeySpec`
 * validates: only the fields that apply, so a preset carries only a count.
 *
 * @param options The controls' state.
 * @returns Options for the core's validator.
 */
export function toKeyOptions(options: GeneratorOptions): KeyOptions {
  if (options.preset !== "") {
    return { preset: options.preset, count: options.count };
  }
  const result: KeyOptions = { format: options.format, count: options.count };
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
 * The page URL (path and query) that reproduces the options, with only the
 * values that differ from the defaults.
 *
 * @param options The controls' state.
 * @returns A path such as `/?format=base58` or `/presets/laravel?count=3`.
 */
export function optionsToPath(options: GeneratorOptions): string {
  const query = new URLSearchParams();
  if (options.preset !== "") {
    if (options.count !== DEFAULT_OPTIONS.count) {
      query.set("count", options.count);
    }
    const search = query.toString();
    return `/presets/${encodeURIComponent(options.preset)}${
      search ? "?" + search : ""
    }`;
  }
  if (options.format !== DEFAULT_OPTIONS.format) {
    query.set("format", options.format);
  }
  if (options.length.trim() !== "") query.set("length", options.length.trim());
  else if (options.bits !== DEFAULT_OPTIONS.bits) {
    query.set("bits", options.bits);
  }
  if (options.count !== DEFAULT_OPTIONS.count) {
    query.set("count", options.count);
  }
  if (options.format === "custom") query.set("alphabet", options.alphabet);
  if (options.prefix !== "") {
    query.set("prefix", options.prefix);
    if (!options.checksum) query.set("checksum", "false");
  }
  const search = query.toString();
  return search ? `/?${search}` : "/";
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_.,:+=/-]+$/.test(text)
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
  if (options.preset !== "") {
    words.push("preset", shellQuote(options.preset));
  } else {
    if (options.format !== DEFAULT_OPTIONS.format) {
      words.push(shellQuote(options.format));
    }
    if (options.length.trim() !== "") {
      words.push("--length", shellQuote(options.length.trim()));
    } else if (options.bits !== DEFAULT_OPTIONS.bits) {
      words.push("--bits", shellQuote(options.bits));
    }
    if (options.format === "custom") {
      words.push("--alphabet", shellQuote(options.alphabet));
    }
    if (options.prefix !== "") {
      words.push("--prefix", shellQuote(options.prefix));
      if (!options.checksum) words.push("--no-checksum");
    }
  }
  if (options.count !== DEFAULT_OPTIONS.count) {
    words.push("--count", shellQuote(options.count));
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
  const query = new URLSearchParams();
  if (options.preset !== "") {
    query.set("preset", options.preset);
  } else {
    if (options.format !== DEFAULT_OPTIONS.format) {
      query.set("format", options.format);
    }
    if (options.length.trim() !== "") {
      query.set("length", options.length.trim());
    } else if (options.bits !== DEFAULT_OPTIONS.bits) {
      query.set("bits", options.bits);
    }
    if (options.format === "custom") query.set("alphabet", options.alphabet);
    if (options.prefix !== "") {
      query.set("prefix", options.prefix);
      if (!options.checksum) query.set("checksum", "false");
    }
  }
  if (options.count !== DEFAULT_OPTIONS.count) {
    query.set("count", options.count);
  }
  const search = query.toString();
  return `curl ${
    shellQuote(`${origin}/api/v1/keys${search ? "?" + search : ""}`)
  }`;
}
