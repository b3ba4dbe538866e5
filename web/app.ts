/**
 * The keymint web server as a Hono app: the page, the HTTP API, static
 * files, security headers on every response, a per-client rate limit on
 * the API, and request logs that carry the method, the route (or the raw
 * path, escaped and cut short) and the status only, one line each.
 *
 * Before anything routes a request, its Host is checked: one that is not a
 * valid host[:port] gets a 400, since `Deno.serve` builds the request's URL
 * from it and a Host holding `/` or `?` would move the path.
 *
 * @example Ask the API in-process
 * ```ts ignore
 * import { createApp } from "./app.ts";
 * const app = await createApp();
 * const response = await app.request("/api/v1/keys?format=base58");
 * ```
 *
 * @module
 */

import { type Context, Hono, type MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { secureHeaders } from "hono/secure-headers";
import { type BuildManifest, loadManifest } from "./manifest.ts";
import { apiRoutes } from "./routes/api.ts";
import { apiAnswers, headless } from "./routes/_answer.ts";
import { notFoundPage, pageRoutes } from "./routes/pages.tsx";
import {
  loadStaticFiles,
  type StaticFile,
  staticRoutes,
} from "./routes/static.ts";
import {
  clientKey,
  type ConnectionInfo,
  RateLimiter,
  rateLimitFromEnv,
  type RateLimitSettings,
} from "./rate_limit.ts";
import {
  isValidHost,
  loggablePath,
  pathOf,
  splitRequestUrl,
} from "./target.ts";
import { batchedLog, errorSummary, loggableMethod } from "./log.ts";

/** The environment variable naming the origin the page's examples use. */
export const PUBLIC_ORIGIN_ENV = "KEYMINT_PUBLIC_ORIGIN";

/** Options for {@linkcode createApp}. */
export interface AppOptions {
  /**
   * The build to serve.
   *
   * @default {the result of loadManifest()}
   */
  manifest?: BuildManifest;
  /**
   * The static files to serve.
   *
   * @default {the result of loadStaticFiles()}
   */
  staticFiles?: ReadonlyMap<string, StaticFile>;
  /**
   * Where request log lines go (`GET /path 200`).
   *
   * @default {console.log}
   */
  log?: (line: string) => void;
  /**
   * The origin the page's curl examples name, such as
   * `https://keymint.example`.
   *
   * @default {KEYMINT_PUBLIC_ORIGIN, else each request's own origin}
   */
  publicOrigin?: string;
  /**
   * The API's per-client rate limit, or `false` for none.
   *
   * @default {the KEYMINT_RATE_* environment variables (see rate_limit.ts)}
   */
  rateLimit?: RateLimitSettings | false;
  /**
   * Reads an environment variable.
   *
   * @default {Deno.env.get, or nothing without the permission}
   */
  env?: (name: string) => string | undefined;
}

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

/** The configured public origin, or `undefined` (with a warning) if bad. */
function originSetting(text: string | undefined): string | undefined {
  if (text === undefined || text === "") return undefined;
  try {
    const url = new URL(text);
    if (
      (url.protocol === "https:" || url.protocol === "http:") &&
      text.replace(/\/$/, "") === url.origin
    ) return url.origin;
  } catch {
    // Reported below.
  }
  console.error(
    `keymint: ignoring ${PUBLIC_ORIGIN_ENV}: expected an origin such as https://keymint.example`,
  );
  return undefined;
}

function rateLimitSetting(
  env: (name: string) => string | undefined,
): RateLimitSettings | undefined {
  try {
    return rateLimitFromEnv(env);
  } catch (error) {
    console.error(
      `keymint: ${(error as Error).message}; using the default rate limit`,
    );
    return rateLimitFromEnv(() => undefined);
  }
}

/** The route a log line names: its pattern, or the escaped raw path. */
function loggedRoute(c: Context, path: string): string {
  const pattern = routePath(c, c.req.routeIndex);
  return pattern === "" || pattern.includes("*") ? loggablePath(path) : pattern;
}

/**
 * The Content-Security-Policy of the pages: only this origin's scripts,
 * styles and images, nothing inline, nothing from another origin, no
 * framing. `connect-src 'self'` rather than `'none'`: the islands fetch
 * nothing, but crawlers and audit tools (Lighthouse) read `/robots.txt`
 * from the page.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The Content-Security-Policy of the API's answers (text and JSON): nothing
 * may load from them and nothing may frame them.
 */
export const API_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

const SECURE_HEADERS: NonNullable<Parameters<typeof secureHeaders>[0]> = {
  referrerPolicy: "no-referrer",
  xFrameOptions: "DENY",
  crossOriginResourcePolicy: "same-origin",
  crossOriginOpenerPolicy: "same-origin",
  permissionsPolicy: {
    clipboardWrite: ["self"],
    camera: [],
    microphone: [],
    geolocation: [],
    payment: [],
    usb: [],
  },
  // Headers for browsers long gone (IE, Flash) protect nothing and cost time
  // on every response.
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xDnsPrefetchControl: false,
  xXssProtection: false,
  originAgentCluster: false,
  // Nothing here sets X-Powered-By; deleting it costs a header scan per answer.
  removePoweredBy: false,
};

/** The headers a middleware adds to an empty answer. */
async function headerListOf(
  middleware: MiddlewareHandler,
): Promise<[string, string][]> {
  const probe = new Hono();
  probe.use(middleware);
  probe.get("/", (c) => c.body(null, 204));
  const response = await probe.request("/");
  return [...response.headers];
}

/**
 * Builds the app. Without a manifest it reads the one `deno task build`
 * wrote, and refuses (see `loadManifest`) when it is missing or stale.
 *
 * @param options The build, the static files and the log sink.
 * @returns The Hono app; serve it with `Deno.serve(app.fetch)`.
 */
export async function createApp(options: AppOptions = {}): Promise<Hono> {
  const manifest = options.manifest ?? await loadManifest();
  const staticFiles = options.staticFiles ?? await loadStaticFiles();
  const log = options.log ?? batchedLog((text) => console.log(text));
  const env = options.env ?? readEnv;
  const configuredOrigin = options.publicOrigin ??
    originSetting(env(PUBLIC_ORIGIN_ENV));
  const rateLimit = options.rateLimit === undefined
    ? rateLimitSetting(env)
    : options.rateLimit || undefined;
  const pageHeaders = secureHeaders({
    ...SECURE_HEADERS,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  });
  // The API's answers are never documents. They carry what an answer needs
  // (no-store, nosniff, a CSP that loads and frames nothing, their type);
  // headers that govern what a document does (framing, opener, referrer,
  // permissions; HSTS is sent with the pages) stay off them. Each header
  // costs the runtime about a tenth of a small answer's whole cost, so
  // this keeps the API fast. The API sets them itself as it builds each
  // answer, from the list this middleware produces.
  const apiHeaders = await headerListOf(secureHeaders({
    ...SECURE_HEADERS,
    contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
    xFrameOptions: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    strictTransportSecurity: false,
    referrerPolicy: false,
    permissionsPolicy: {},
  }));

  const apiError = apiAnswers(apiHeaders).error;
  // One line, no message and no stack: a message may quote the request.
  const internalError = (error: unknown) =>
    console.error(`keymint: internal error: ${errorSummary(error)}`);

  // The API: four exact paths, answered by a lookup (see apiRoutes) with
  // no router or middleware in the way; the front door below checks the
  // Host, takes the rate limit and writes the log line for it.
  const api = apiRoutes(apiHeaders, { rateLimit, basePath: "/api" });

  // The page, static files and /healthz, with the pages' security headers
  // and the log line in a middleware.
  const site = new Hono();
  site.use(async (c, next) => {
    const { origin, target } = splitRequestUrl(c.req.url)!;
    c.set("publicOrigin", configuredOrigin ?? origin);
    await pageHeaders(c, next);
    log(
      `${loggableMethod(c.req.method)} ${
        loggedRoute(c, pathOf(target))
      } ${c.res.status}`,
    );
  });
  site.get("/healthz", (c) => {
    c.header("Cache-Control", "no-store");
    return c.text("ok\n");
  });
  site.route("/", staticRoutes(staticFiles));
  site.route("/", pageRoutes(manifest));
  site.notFound((c) => notFoundPage(c, manifest));
  site.onError((error, c) => {
    internalError(error);
    return c.text("Internal error\n", 500);
  });
  const siteFetch = site.fetch;

  // The rate limit is checked here, before the API's router, rather than
  // in a middleware of its own.
  const limiter = rateLimit ? new RateLimiter(rateLimit) : undefined;
  const trustForwardedFor = limiter?.settings.trustForwardedFor ?? false;

  /**
   * Every request comes in here: the Host is checked, then the request
   * goes to the API or to the site, by its path as hono routes it.
   */
  const front = (
    request: Request,
    info?: unknown,
  ): Response | Promise<Response> => {
    const url = request.url;
    const split = splitRequestUrl(url);
    const host = request.headers.get("host");
    // The URL's authority is the Host unless the target was absolute-form.
    if (
      split === undefined ||
      (host && host.toLowerCase() !== split.authority && !isValidHost(host))
    ) {
      // The path cannot be told from the Host here; log what follows it.
      const after = host ? url.indexOf(`://${host}`) : -1;
      const path = after === -1 ? "" : url.slice(after + 3 + host!.length);
      log(
        `${loggableMethod(request.method)} ${
          loggablePath(pathOf(path)) || "-"
        } 400`,
      );
      const refused = apiError(
        "Cannot answer: the Host header is not a valid host[:port]",
        400,
      );
      return request.method === "HEAD" ? headless(refused) : refused;
    }
    // The API is routed on the raw target; the site's hono router decodes
    // it first, as it always has.
    const path = pathOf(split.target);
    if (!path.startsWith("/api/")) return siteFetch(request, info);

    const line = `${loggableMethod(request.method)} ${
      api.paths.has(path) ? path : loggablePath(path)
    } `;
    const wait = limiter === undefined ? 0 : limiter.take(
      clientKey(
        info as ConnectionInfo | undefined,
        trustForwardedFor
          ? request.headers.get("x-forwarded-for") ?? undefined
          : undefined,
      ),
    );
    let answer: Response;
    if (wait !== 0) {
      answer = apiError(
        `Cannot answer: too many requests from this client; try again in ${wait} s (rateLimit in /api/v1/limits)`,
        429,
        [["retry-after", String(wait)]],
      );
    } else {
      try {
        answer = api(request, path);
      } catch (error) {
        internalError(error);
        answer = apiError("Cannot answer: internal error", 500);
      }
    }
    log(line + answer.status);
    return request.method === "HEAD" ? headless(answer) : answer;
  };
  // One entry point for the server and for `app.request` (which calls
  // `fetch`) alike.
  site.fetch = front;
  return site;
}
