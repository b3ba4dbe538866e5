/**
 * The HTTP API: `GET /api/v1/keys` and `GET /api/v1/presets`. Query
 * parameters go to the core's validator unchanged; the API only maps its
 * errors to 400 answers and renders the keys as text or JSON.
 *
 * @module
 */

import { Hono } from "hono";
import type { Context } from "hono";
import {
  createKeyGenerator,
  generateKeys,
  type KeyOptions,
  type KeySpec,
  parseKeySpec,
  PRESETS,
} from "@keymint/core";

/** The most keys one request may ask for. */
export const MAX_API_COUNT = 1000;

const KEY_PARAMETERS: ReadonlySet<string> = new Set([
  "format",
  "bits",
  "length",
  "count",
  "alphabet",
  "prefix",
  "checksum",
  "preset",
]);

/** Whether an error is bad input (a 400), as opposed to a bug. */
export function isInputError(error: unknown): error is Error {
  return error instanceof TypeError || error instanceof RangeError ||
    error instanceof SyntaxError;
}

/**
 * Reads the query of a keys request into loose key options, rejecting
 * unknown and repeated parameters.
 *
 * @param query The request's query.
 * @returns Options for `parseKeySpec`.
 * @throws {TypeError} For an unknown or repeated parameter.
 */
export function keyOptionsFromQuery(query: URLSearchParams): KeyOptions {
  const options: Record<string, string> = {};
  for (const [name, value] of query) {
    if (!KEY_PARAMETERS.has(name)) {
      throw new TypeError(
        `Cannot read query: unknown parameter "${name.slice(0, 40)}"; use ${
          [...KEY_PARAMETERS].join(", ")
        }`,
      );
    }
    if (name in options) {
      throw new TypeError(
        `Cannot read query: parameter "${name}" is given more than once`,
      );
    }
    options[name] = value;
  }
  return options as KeyOptions;
}

function wantsJson(c: Context): boolean {
  return (c.req.header("accept") ?? "").toLowerCase().includes(
    "application/json",
  );
}

function badRequest(c: Context, error: Error): Response {
  return c.json({ error: error.message }, 400);
}

function methodNotAllowed(c: Context): Response {
  c.header("Allow", "GET, HEAD");
  return c.json({
    error: `Cannot answer ${c.req.method}: this route takes GET`,
  }, 405);
}

function keysAsText(spec: KeySpec): string {
  const next = createKeyGenerator(spec);
  let text = "";
  for (let i = 0; i < spec.count; i++) text += next() + "\n";
  return text;
}

/**
 * The API routes, to mount under `/api`. Every answer carries
 * `Cache-Control: no-store`.
 *
 * @returns A Hono app with the `/v1/...` routes.
 */
export function apiRoutes(): Hono {
  const api = new Hono();
  // Set before the handler runs: a header added after a response exists
  // makes Hono copy that response.
  api.use((c, next) => {
    c.header("Cache-Control", "no-store");
    return next();
  });

  api.get("/v1/keys", (c) => {
    let spec: KeySpec;
    try {
      const url = c.req.url;
      const mark = url.indexOf("?");
      const query = new URLSearchParams(mark === -1 ? "" : url.slice(mark + 1));
      spec = parseKeySpec(keyOptionsFromQuery(query), {
        maxCount: MAX_API_COUNT,
      });
    } catch (error) {
      if (isInputError(error)) return badRequest(c, error);
      throw error;
    }
    if (wantsJson(c)) return c.json(generateKeys(spec));
    if (spec.warnings.length > 0) {
      c.header("X-Keymint-Warning", spec.warnings.join(" "));
    }
    return c.text(keysAsText(spec));
  });
  api.all("/v1/keys", methodNotAllowed);

  const presetsJson = JSON.stringify(PRESETS);
  api.get("/v1/presets", (c) => {
    c.header("Content-Type", "application/json");
    return c.body(presetsJson);
  });
  api.all("/v1/presets", methodNotAllowed);

  api.all(
    "*",
    (c) =>
      c.json({
        error:
          "Cannot find that route: the API has /api/v1/keys and /api/v1/presets",
      }, 404),
  );
  return api;
}
