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

import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { type BuildManifest, ensureBuild } from "./build.ts";
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
   * @default {the result of ensureBuild()}
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
 * The Content-Security-Policy of every response: only this origin's scripts
 * and styles, nothing inline, no requests made by the page, no framing.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'none'"],
  fontSrc: ["'none'"],
  manifestSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Builds the app. Without a manifest it builds the islands first when the
 * sources changed since the last build (see `ensureBuild`).
 *
 * @param options The build, the static files and the log sink.
 * @returns The Hono app; serve it with `Deno.serve(app.fetch)`.
 */
export async function createApp(options: AppOptions = {}): Promise<Hono> {
  const manifest = options.manifest ?? await ensureBuild();
  const staticFiles = options.staticFiles ?? await loadStaticFiles();
  const log = options.log ?? console.log;
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    log(`${c.req.method} ${c.req.path} ${c.res.status}`);
  });
  app.use(secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
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
  }));

  app.route("/api", apiRoutes());
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
      c.header("Cache-Control", "no-store");
      return c.json({ error: "Cannot answer: internal error" }, 500);
    }
    return c.text("Internal error\n", 500);
  });
  return app;
}
