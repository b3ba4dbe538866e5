/**
 * The shapes of a key request: typed options for library callers, loose
 * options for faces, and the checked spec both become.
 *
 * @module
 */

import type { FormatName } from "./format.ts";
import type { PresetName } from "./preset.ts";

/** A format name or alias, as {@linkcode KeyOptions} takes it. */
export type FormatOption = FormatName | "alphanumeric" | "base62";

/** Options every non-preset request shares. */
interface SharedOptions {
  /**
   * How many keys; `generateKey` makes one and refuses more.
   *
   * @default {1}
   */
  count?: number;
  /** A prefix for structured keys: `{prefix}_{body}{checksum}`. */
  prefix?: string;
  /**
   * Whether a prefixed key ends with a CRC-32 checksum.
   *
   * @default {true} with a prefix
   */
  checksum?: boolean;
  /**
   * Allow keys below 128 bits, for short codes that are not secrets.
   * Without it the generators refuse them with a `RangeError`.
   *
   * @default {false}
   */
  allowWeak?: boolean;
  preset?: never;
}

/** Size by entropy or by length, not both. */
type Sizing =
  | {
    /**
     * The minimum entropy of each key, in bits (8 to 8192).
     *
     * @default {256}
     */
    bits?: number;
    length?: never;
  }
  | {
    /** An exact number of random characters (1 to 16384). */
    length?: number;
    bits?: never;
  };

/** A built-in format: no alphabet. */
export type FormatKeyOptions = SharedOptions & Sizing & {
  /**
   * A format name or alias.
   *
   * @default {"hex"} or `"alnum"` when a prefix is given
   */
  format?: Exclude<FormatOption, "custom">;
  alphabet?: never;
};

/** A custom alphabet: giving one implies the `custom` format. */
export type CustomKeyOptions = SharedOptions & Sizing & {
  format?: "custom";
  /** 2 to 256 distinct characters. */
  alphabet: string;
};

/** A preset fixes everything but the count. */
export interface PresetKeyOptions {
  /** A preset name. */
  preset: PresetName;
  /** How many keys. */
  count?: number;
  format?: never;
  bits?: never;
  length?: never;
  alphabet?: never;
  prefix?: never;
  checksum?: never;
  allowWeak?: never;
}

/**
 * What a library caller may ask for, typed so that mistakes do not
 * compile: a known format, `bits` or `length` but not both, `alphabet`
 * only with `custom`, and a preset alone. Faces with text input use
 * {@linkcode LooseKeyOptions} with `parseKeySpec` instead.
 */
export type KeyOptions = FormatKeyOptions | CustomKeyOptions | PresetKeyOptions;

/**
 * Options as a command line flag or a query parameter carries them: every
 * field may be a string. `parseKeySpec` checks them all.
 */
export interface LooseKeyOptions {
  /** A format name or alias, in any case. */
  format?: string;
  /** The minimum entropy of each key, in bits. */
  bits?: number | string;
  /** An exact number of random characters. */
  length?: number | string;
  /** How many keys. */
  count?: number | string;
  /** The characters of a `custom` format. */
  alphabet?: string;
  /** A structured-key prefix. */
  prefix?: string;
  /** Whether a prefixed key ends with a checksum. */
  checksum?: boolean | string;
  /** A preset name, in any case. */
  preset?: string;
  /** Allow keys below 128 bits. */
  allowWeak?: boolean | string;
}

/** Bounds that differ between faces. */
export interface SpecLimits {
  /**
   * The largest `count` accepted.
   *
   * @default {1_000_000_000}
   */
  maxCount?: number;
}

/** A checked request for keys: every field valid and every size worked out. */
export interface KeySpec {
  /** The format of the random part. */
  readonly format: FormatName;
  /** The characters the random part is drawn from. */
  readonly alphabet: string;
  /** The exact entropy of one key, rounded down to a whole bit. */
  readonly bits: number;
  /** The number of characters in one whole key. */
  readonly length: number;
  /** The number of random characters (the body) in one key. */
  readonly bodyLength: number;
  /** For a byte format sized in bits: the number of random bytes encoded. */
  readonly bytes: number | undefined;
  /** How many keys. */
  readonly count: number;
  /** The structured-key prefix, without its `_` separator. */
  readonly prefix: string | undefined;
  /** Whether the key ends with a checksum of its body. */
  readonly checksum: boolean;
  /**
   * The literal text before the random part: the prefix and its `_`, a
   * preset's lead such as `base64:`, or nothing.
   */
  readonly lead: string;
  /** The preset this spec came from. */
  readonly preset: string | undefined;
  /** The environment variable the preset's framework reads. */
  readonly env: string | undefined;
  /** Whether keys below 128 bits may be made from it. */
  readonly allowWeak: boolean;
  /** Sentences about weak choices, such as entropy below 128 bits. */
  readonly warnings: readonly string[];
}
