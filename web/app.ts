/**
 * The keymint web server as a Hono app: the page, the HTTP API, static
 * files, security headers on every response and request logs that carry
 * the method, path and status only.
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

import { Hono, type MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { type BuildManifest, loadManifest } from "./manifest.ts";
import { apiRoutes } from "./routes/api.ts";
import { notFoundPage, pageRoutes } from "./routes/pages.tsx";
import {
  loadStaticFiles,
  type StaticFile,
  staticRoutes,
} from "./routes/static.ts";

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
}

/**
 * A log sink that gathers lines and writes them together every
 * `intervalMs`, so that a busy server makes one write per interval rather
 * than one per request. Lines still pending when the process unloads are
 * written then.
 *
 * @param write Writes a block of lines (without a final newline).
 * @param intervalMs How long a line may wait.
 * @returns The sink: takes one line.
 */
export function batchedLog(
  write: (text: string) => void,
  intervalMs = 100,
): (line: string) => void {
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join("\n");
    pending = [];
    write(text);
  };
  globalThis.addEventListener("unload", flush);
  return (line) => {
    pending.push(line);
    if (timer === undefined) {
      timer = setTimeout(flush, intervalMs);
      Deno.unrefTimer(timer);
    }
  };
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
  const app = new Hono();

  const pageHeaders = secureHeaders({
    ...SECURE_HEADERS,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  });
  // The API's answers are never documents: headers that only documents use
  // (framing, opener, HSTS is sent with the pages) stay off them, which
  // keeps every answer smaller and the API faster. The API sets them itself
  // as it builds each answer, from the list this middleware produces.
  const apiHeaders = await headerListOf(secureHeaders({
    ...SECURE_HEADERS,
    contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
    xFrameOptions: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    strictTransportSecurity: false,
  }));

  app.use(async (c, next) => {
    if (c.req.path.startsWith("/api/")) await next();
    else await pageHeaders(c, next);
    log(`${c.req.method} ${c.req.path} ${c.res.status}`);
  });

  app.route("/api", apiRoutes(apiHeaders));
  app.get("/healthz", (c) => {
    c.header("Cache-Control", "no-store");
    return c.text("ok\n");
  });
  app.route("/", staticRoutes(staticFiles));
  app.route("/", pageRoutes(manifest));
  app.notFound((c) => notFoundPage(c, manifest));
  app.onError((error, c) => {
    console.error(error);
    if (c.req.path.startsWith("/api/")) {
      return new Response(
        JSON.stringify({ error: "Cannot answer: internal error" }),
        {
          status: 500,
          headers: [
            ...apiHeaders,
            ["cache-control", "no-store"],
            ["content-type", "application/json"],
          ],
        },
      );
    }
    return c.text("Internal error\n", 500);
  });
  return app;
}
