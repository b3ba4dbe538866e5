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
  type KeySpec,
  type LooseKeyOptions,
  parseKeySpec,
  PRESETS,
} from "@keymint/core";
import { KEY_OPTION_NAMES } from "@keymint/core/faces";

/** The most keys one request may ask for. */
export const MAX_API_COUNT = 1000;

const KEY_PARAMETERS: ReadonlySet<string> = new Set(KEY_OPTION_NAMES);

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
export function keyOptionsFromQuery(
  query: URLSearchParams,
): LooseKeyOptions {
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
  return options as LooseKeyOptions;
}

function wantsJson(c: Context): boolean {
  return (c.req.header("accept") ?? "").toLowerCase().includes(
    "application/json",
  );
}

function keysAsText(spec: KeySpec): string {
  const next = createKeyGenerator(spec);
  let text = "";
  for (let i = 0; i < spec.count; i++) text += next() + "\n";
  return text;
}

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json";

/**
 * The API routes, to mount under `/api`. Each answer is built in one go
 * with its headers: the security headers given, `Cache-Control: no-store`
 * and its content type. (Setting headers on an answer after it exists costs
 * a validation and a search per header, on every request.)
 *
 * @param securityHeaders The security headers every answer carries.
 * @returns A Hono app with the `/v1/...` routes.
 */
export function apiRoutes(
  securityHeaders: readonly [string, string][] = [],
): Hono {
  const headersFor = (type: string): [string, string][] => [
    ...securityHeaders,
    ["cache-control", "no-store"],
    ["content-type", type],
  ];
  const textHeaders = headersFor(TEXT);
  const jsonHeaders = headersFor(JSON_TYPE);
  const answer = (
    body: string | null,
    status: number,
    type: typeof TEXT | typeof JSON_TYPE,
    extra?: [string, string][],
  ): Response => {
    const headers = type === TEXT ? textHeaders : jsonHeaders;
    return new Response(body, {
      status,
      headers: extra ? [...headers, ...extra] : headers,
    });
  };
  const error = (message: string, status: number, extra?: [string, string][]) =>
    answer(JSON.stringify({ error: message }), status, JSON_TYPE, extra);
  const methodNotAllowed = (c: Context) =>
    error(`Cannot answer ${c.req.method}: this route takes GET`, 405, [[
      "allow",
      "GET, HEAD",
    ]]);

  const api = new Hono();
  api.get("/v1/keys", (c) => {
    let spec: KeySpec;
    try {
      const url = c.req.url;
      const mark = url.indexOf("?");
      const query = new URLSearchParams(mark === -1 ? "" : url.slice(mark + 1));
      // The API makes short codes on request and warns; it does not refuse.
      spec = parseKeySpec({ ...keyOptionsFromQuery(query), allowWeak: true }, {
        maxCount: MAX_API_COUNT,
      });
    } catch (caught) {
      if (isInputError(caught)) return error(caught.message, 400);
      throw caught;
    }
    if (wantsJson(c)) {
      return answer(JSON.stringify(generateKeys(spec)), 200, JSON_TYPE);
    }
    const warning: [string, string][] | undefined = spec.warnings.length > 0
      ? [["x-keymint-warning", spec.warnings.join(" ")]]
      : undefined;
    return answer(keysAsText(spec), 200, TEXT, warning);
  });
  api.all("/v1/keys", methodNotAllowed);

  const presetsJson = JSON.stringify(PRESETS);
  api.get("/v1/presets", () => answer(presetsJson, 200, JSON_TYPE));
  api.all("/v1/presets", methodNotAllowed);

  api.all("*", () =>
    error(
      "Cannot find that route: the API has /api/v1/keys and /api/v1/presets",
      404,
    ));
  return api;
}
