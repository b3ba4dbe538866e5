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

import {
  createKeyGenerator,
  describeKey,
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
import { pathOf, splitRequestUrl } from "../target.ts";
import { loggableMethod } from "../log.ts";
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

function wantsJson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").toLowerCase().includes(
    "application/json",
  );
}

/** How much of an answer is made at a time. */
const CHUNK_BYTES = 16_384;
const encoder = new TextEncoder();

/** A small answer's keys, one per line. */
function keysAsText(spec: KeySpec, next: () => string): string {
  let text = "";
  for (let i = 0; i < spec.count; i++) text += next() + "\n";
  return text;
}

/** A small answer's keys as the JSON of `generateKeys(spec)`. */
function keysAsJson(spec: KeySpec, next: () => string): string {
  const keys = [];
  for (let i = 0; i < spec.count; i++) keys.push(describeKey(spec, next()));
  return JSON.stringify(keys);
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

/**
 * A checked spec with the largest answers it can have, and the prepared
 * generator that makes the keys of its small answers.
 */
interface SizedSpec {
  readonly spec: KeySpec;
  readonly textBytes: number;
  readonly jsonBytes: number;
  readonly next: () => string;
}

/** How many queries {@linkcode specCache} remembers. */
const CACHED_QUERIES = 256;
/** The longest query it remembers; longer ones are checked every time. */
const CACHED_QUERY_LENGTH = 512;

/**
 * The spec of a keys query, with its answer sizes, remembered for the last
 * {@linkcode CACHED_QUERIES} distinct queries that were accepted. A spec is
 * a frozen description worked out from the query alone (no random byte
 * goes into it), so the same query always gives the same one. Its
 * generator is prepared once too: each request's keys are fresh, drawn
 * from the generator's batch of random bytes, which no key shares with
 * another (see `createKeyGenerator`). Refused queries are checked again
 * each time.
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
      next: createKeyGenerator(spec),
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
   * Where the routes are: `""` gives `/v1/keys`, `"/api"` gives
   * `/api/v1/keys`.
   *
   * @default {""}
   */
  basePath?: string;
}

/** The API's routes, each an exact path under the base path. */
export const API_ROUTES = [
  "/v1/keys",
  "/v1/presets",
  "/v1/limits",
  "/v1/rules",
] as const;

/**
 * The API: answers a request, given the path of its target (raw, without
 * the query). Every answer is made at once (a large one has a streamed
 * body) and carries the security headers given.
 */
export interface Api {
  /** The routes' paths, with the base path. */
  readonly paths: ReadonlySet<string>;
  /**
   * The answer to `request`.
   *
   * @param request The request.
   * @param path Its target's path, raw; by default read from its URL.
   */
  (request: Request, path?: string): Response;
}

/**
 * The API routes and their 404, under `basePath`. Each route is an exact
 * path, matched on the request target as sent (no decoding, no trailing
 * `/`); each answers GET and HEAD, else 405. Every answer carries the
 * security headers given, `Cache-Control: no-store` and its content type
 * (see `apiAnswers`).
 *
 * Four fixed paths need no router: a lookup answers them, which keeps the
 * API's own work per request to the answer itself.
 *
 * @param securityHeaders The security headers every answer carries.
 * @param options The rate limit to report and the base path.
 * @returns The API.
 */
export function apiRoutes(
  securityHeaders: readonly [string, string][] = [],
  options: ApiRoutesOptions = {},
): Api {
  const { rateLimit, basePath = "" } = options;
  const { answer, error } = apiAnswers(securityHeaders);
  const specs = specCache();

  const keys = (request: Request): Response => {
    const json = wantsJson(request);
    let sized: SizedSpec;
    try {
      sized = specs(queryOf(request.url));
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
    // HEAD checks the query and makes no key.
    const head = request.method === "HEAD";
    // An answer of one chunk at most is made in one go; a larger one is
    // streamed.
    const small = bytes <= CHUNK_BYTES;
    if (json) {
      const body = head
        ? null
        : small
        ? keysAsJson(spec, sized.next)
        : bodyOf(jsonChunks(spec));
      return answer(body, 200, JSON_TYPE);
    }
    const warning: [string, string][] | undefined = spec.warnings.length > 0
      ? [["x-keymint-warning", spec.warnings.join(" ")]]
      : undefined;
    const body = head
      ? null
      : small
      ? keysAsText(spec, sized.next)
      : bodyOf(keyChunks(spec, { chunkBytes: CHUNK_BYTES }));
    return answer(body, 200, TEXT, warning);
  };
  const presetsJson = JSON.stringify(PRESETS);
  const limits = limitsJson(rateLimit);
  const handlers: Record<
    typeof API_ROUTES[number],
    (request: Request) => Response
  > = {
    "/v1/keys": keys,
    "/v1/presets": () => answer(presetsJson, 200, JSON_TYPE),
    "/v1/limits": () => answer(limits, 200, JSON_TYPE),
    "/v1/rules": (request) => {
      const { status, body } = rulesAnswer(request.url);
      return answer(body, status, JSON_TYPE);
    },
  };
  const routes = new Map(
    API_ROUTES.map((path) => [basePath + path, handlers[path]]),
  );
  const notFound = () =>
    error(
      "Cannot find that route: the API has /api/v1/keys, /api/v1/presets, /api/v1/limits and /api/v1/rules",
      404,
    );

  const api = (request: Request, path?: string): Response => {
    const route = routes.get(
      path ?? pathOf(splitRequestUrl(request.url)?.target ?? ""),
    );
    if (route === undefined) return notFound();
    const method = request.method;
    if (method === "GET" || method === "HEAD") return route(request);
    return error(
      `Cannot answer ${loggableMethod(method)}: this route takes GET`,
      405,
      [["allow", "GET, HEAD"]],
    );
  };
  return Object.assign(api, {
    paths: new Set(routes.keys()) as ReadonlySet<string>,
  });
}
