/**
 * `keymint.rules.json`: the key shapes a team issues, written by
 * `keymint rules --config` and read by `keymint scan`.
 *
 * @module
 */

import type { ShapeOptions } from "./rules.ts";
import { checkKeyNames } from "./_face_reads.ts";
import { parseKeySpec } from "./spec.ts";
import type { KeySpec } from "./options.ts";

/** The most shapes one config may declare. */
export const MAX_CONFIG_SHAPES = 100;

/** The file's contents. */
export interface RulesConfig {
  /** The format's version, 1. */
  readonly version: 1;
  /** One entry per key shape. */
  readonly keys: readonly ShapeOptions[];
}

/**
 * Reads a rules config and checks every shape with `parseKeySpec`.
 *
 * @param text The file's text.
 * @returns The specs, one per shape.
 * @throws {SyntaxError} For text that is not JSON.
 * @throws {TypeError} For JSON that is not a rules config.
 * @throws {RangeError} For a shape out of bounds, or too many shapes.
 *
 * @example
 * ```ts
 * import { readRulesConfig } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const specs = readRulesConfig(
 *   '{"version":1,"keys":[{"prefix":"acme","format":"alnum","length":43,"checksum":true}]}',
 * );
 * assert.equal(specs[0]!.length, 54);
 * ```
 */
export function readRulesConfig(text: string): KeySpec[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SyntaxError("Cannot read rules config: it is not JSON");
  }
  const keys = (data as { keys?: unknown } | null)?.keys;
  if (
    typeof data !== "object" || data === null ||
    (data as { version?: unknown }).version !== 1 || !Array.isArray(keys)
  ) {
    throw new TypeError(
      'Cannot read rules config: expected {"version": 1, "keys": [...]}',
    );
  }
  if (keys.length > MAX_CONFIG_SHAPES) {
    throw new RangeError(
      `Cannot read rules config: more than ${MAX_CONFIG_SHAPES} key shapes`,
    );
  }
  return keys.map((entry: unknown) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new TypeError("Cannot read rules config: each key is an object");
    }
    // A config is typed by hand: a mistyped name gets a suggestion.
    checkKeyNames(entry);
    const spec = parseKeySpec(entry as Record<string, string>);
    if (spec.prefix === undefined) {
      throw new TypeError("Cannot read rules config: each key needs a prefix");
    }
    return spec;
  });
}

/**
 * Adds (or replaces, by prefix) shapes in a rules config.
 *
 * @param config The config so far, or undefined for a new one.
 * @param shapes The shapes to add.
 * @returns The new config.
 *
 * @example
 * ```ts
 * import { addToRulesConfig, parseKeySpec, rulesFor } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const shape = rulesFor(parseKeySpec({ prefix: "acme" })).shape;
 * const config = addToRulesConfig(addToRulesConfig(undefined, [shape]), [shape]);
 * assert.equal(config.keys.length, 1);
 * ```
 */
export function addToRulesConfig(
  config: RulesConfig | undefined,
  shapes: readonly ShapeOptions[],
): RulesConfig {
  const byPrefix = new Map(
    (config?.keys ?? []).map((shape) => [shape.prefix, shape]),
  );
  for (const shape of shapes) byPrefix.set(shape.prefix, shape);
  return { version: 1, keys: [...byPrefix.values()] };
}
