/**
 * The HTTP API: `GET /api/v1/keys`, `GET /api/v1/presets` and
 * `GET /api/v1/limits`. Query parameters go to the core's validator
 * unchanged; the API maps its errors to 400 answers, refuses any answer
 * that could pass the size budget (see `../limits.ts`) before drawing a
 * random byte, and streams the keys as text or JSON, a chunk at a time as
 * the client reads them. `HEAD` checks the query and makes no key.
 *
 * @module
 */

import { Hono } from "hono";
import type { Context } from "hono";
import {
  createKeyGenerator,
  describeKey,
  generateKeys,
  keyChunks,
  type KeySpec,
  type LooseKeyOptions,
  parseKeySpec,
  PRESETS,
} from "@keymint/core";
import {
  checkKeyNames,
  isInputError,
  KEY_OPTION_NAMES,
} from "@keymint/core/faces";
import {
  answerTooLarge,
  largestAnswerBytes,
  limitsJson,
  MAX_ANSWER_BYTES,
  MAX_API_COUNT,
  type RateLimitDescription,
} from "../limits.ts";
import { rulesAnswer } from "./rules_api.ts";
import { queryOf, queryOptions } from "./_query.ts";
import { apiAnswers, JSON_TYPE, TEXT } from "./_answer.ts";

export { MAX_API_COUNT };

const KEY_PARAMETERS: ReadonlySet<string> = new Set(KEY_OPTION_NAMES);

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
  return queryOptions(query, KEY_PARAMETERS) as LooseKeyOptions;
}

function wantsJson(c: Context): boolean {
  return (c.req.header("accept") ?? "").toLowerCase().includes(
    "application/json",
  );
}

/** How much of an answer is made at a time. */
const CHUNK_BYTES = 16_384;
const encoder = new TextEncoder();

function keysAsText(spec: KeySpec): string {
  const next = createKeyGenerator(spec);
  let text = "";
  for (let i = 0; i < spec.count; i++) text += next() + "\n";
  return text;
}

/** The JSON array of `generateKeys(spec)`, byte for byte, in chunks. */
function* jsonChunks(spec: KeySpec): Generator<Uint8Array> {
  const next = createKeyGenerator(spec);
  let text = "[";
  for (let i = 0; i < spec.count; i++) {
    if (i > 0) text += ",";
    text += JSON.stringify(describeKey(spec, next()));
    if (text.length >= CHUNK_BYTES) {
      yield encoder.encode(text);
      text = "";
    }
  }
  yield encoder.encode(text + "]");
}

/** Resolves after the tasks already queued (timers, I/O) have run. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A streamed body: each chunk is made when the client has taken the one
 * before, so a slow reader holds at most a chunk or two of the server's
 * memory and no more keys are made than are sent.
 */
function bodyOf(chunks: Iterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Each chunk in a task of its own: a socket that takes everything at
      // once would otherwise have the whole answer made in one go, and
      // every other request (a /healthz poll) wait behind it.
      await nextTask();
      const step = chunks.next();
      if (step.done) controller.close();
      else controller.enqueue(step.value);
    },
    cancel() {
      chunks.return?.();
    },
  }, { highWaterMark: 1 });
}

/** A checked spec with the largest answers it can have. */
interface SizedSpec {
  readonly spec: KeySpec;
  readonly textBytes: number;
  readonly jsonBytes: number;
}

/** How many queries {@linkcode specCache} remembers. */
const CACHED_QUERIES = 256;
/** The longest query it remembers; longer ones are checked every time. */
const CACHED_QUERY_LENGTH = 512;

/**
 * The spec of a keys query, with its answer sizes, remembered for the last
 * {@linkcode CACHED_QUERIES} distinct queries that were accepted. A spec is
 * a frozen description worked out from the query alone (no random byte
 * goes into it), so the same query always gives the same one; the keys
 * are made fresh from it on every request. Refused queries are checked
 * again each time.
 */
function specCache(): (query: string) => SizedSpec {
  const cache = new Map<string, SizedSpec>();
  return (query) => {
    const known = cache.get(query);
    if (known !== undefined) return known;
    // The API makes short codes on request and warns; it does not refuse.
    const options = keyOptionsFromQuery(new URLSearchParams(query));
    checkKeyNames(options);
    const spec = parseKeySpec({ ...options, allowWeak: true }, {
      maxCount: MAX_API_COUNT,
    });
    const sized = {
      spec,
      textBytes: largestAnswerBytes(spec, false),
      jsonBytes: largestAnswerBytes(spec, true),
    };
    if (query.length <= CACHED_QUERY_LENGTH) {
      // The oldest entry goes first: a Map keeps the order of insertion.
      if (cache.size >= CACHED_QUERIES) {
        cache.delete(cache.keys().next().value!);
      }
      cache.set(query, sized);
    }
    return sized;
  };
}

/** Options for {@linkcode apiRoutes}. */
export interface ApiRoutesOptions {
  /**
   * The rate limit `/api/v1/limits` reports, if any.
   *
   * @default {undefined (no limit)}
   */
  rateLimit?: RateLimitDescription | undefined;
  /**
   * Where the routes are: `"/"` gives `/v1/keys`, `"/api"` gives
   * `/api/v1/keys`.
   *
   * @default {"/"}
   */
  basePath?: string;
}

/**
 * The API routes and their 404, under `basePath`. Every answer carries the
 * security headers given, `Cache-Control: no-store` and its content type
 * (see `apiAnswers`).
 *
 * @param securityHeaders The security headers every answer carries.
 * @param options The rate limit to report and the base path.
 * @returns A Hono app with the `/v1/...` routes.
 */
export function apiRoutes(
  securityHeaders: readonly [string, string][] = [],
  options: ApiRoutesOptions = {},
): Hono {
  const { rateLimit, basePath = "/" } = options;
  const { answer, error } = apiAnswers(securityHeaders);
  const methodNotAllowed = (c: Context) =>
    error(`Cannot answer ${c.req.method}: this route takes GET`, 405, [[
      "allow",
      "GET, HEAD",
    ]]);

  // One handler per path, which answers every method (GET and HEAD, else
  // 405), and a notFound for the rest: with a single handler matching,
  // hono calls it directly instead of composing a chain for the request.
  const api = new Hono().basePath(basePath);
  const getOnly = (handler: (c: Context) => Response) => (c: Context) =>
    c.req.method === "GET" || c.req.method === "HEAD"
      ? handler(c)
      : methodNotAllowed(c);
  const specs = specCache();
  api.all(
    "/v1/keys",
    getOnly((c) => {
      const json = wantsJson(c);
      let sized: SizedSpec;
      try {
        sized = specs(queryOf(c.req.url));
      } catch (caught) {
        if (isInputError(caught)) return error(caught.message, 400);
        throw caught;
      }
      const { spec } = sized;
      const bytes = json ? sized.jsonBytes : sized.textBytes;
      if (bytes > MAX_ANSWER_BYTES) {
        const message = answerTooLarge(spec.count, bytes, json);
        return answer(
          JSON.stringify({ error: message, limit: "maxAnswerBytes" }),
          400,
          JSON_TYPE,
        );
      }
      // Hono answers HEAD by running the GET route and dropping the body:
      // stop before any key is made.
      const head = c.req.method === "HEAD";
      // An answer of one chunk at most is made in one go; a larger one is
      // streamed.
      const small = bytes <= CHUNK_BYTES;
      if (json) {
        const body = head
          ? null
          : small
          ? JSON.stringify(generateKeys(spec))
          : bodyOf(jsonChunks(spec));
        return answer(body, 200, JSON_TYPE);
      }
      const warning: [string, string][] | undefined = spec.warnings.length > 0
        ? [["x-keymint-warning", spec.warnings.join(" ")]]
        : undefined;
      const body = head
        ? null
        : small
        ? keysAsText(spec)
        : bodyOf(keyChunks(spec, { chunkBytes: CHUNK_BYTES }));
      return answer(body, 200, TEXT, warning);
    }),
  );

  const presetsJson = JSON.stringify(PRESETS);
  api.all("/v1/presets", getOnly(() => answer(presetsJson, 200, JSON_TYPE)));

  const limits = limitsJson(rateLimit);
  api.all("/v1/limits", getOnly(() => answer(limits, 200, JSON_TYPE)));
  api.all(
    "/v1/rules",
    getOnly((c) => {
      const { status, body } = rulesAnswer(c.req.url);
      return answer(body, status, JSON_TYPE);
    }),
  );

  api.notFound(() =>
    error(
      "Cannot find that route: the API has /api/v1/keys, /api/v1/presets, /api/v1/limits and /api/v1/rules",
      404,
    )
  );
  return api;
}
