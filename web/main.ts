/**
 * Starts the keymint web server with `Deno.serve` on `PORT` (default 8000)
 * and `HOST` (default 127.0.0.1, this machine only; set `0.0.0.0` to
 * serve a network):
 *
 * ```sh
 * deno task start     # deno task build, then deno task serve
 * ```
 *
 * The server only reads the build that `deno task build` made (its own
 * process, the only one with write and run permissions) and refuses to
 * start when that build is missing or older than the sources. For
 * `deno serve` (and Deno Deploy's `deno serve` mode) use `web/serve.ts`,
 * which exports the same app as a default `{ fetch }` object.
 *
 * @module
 */

import { createApp } from "./app.ts";
import { BuildMissingError } from "./manifest.ts";

let app;
try {
  app = await createApp();
} catch (error) {
  if (!(error instanceof BuildMissingError)) throw error;
  console.error(`keymint: ${error.message}`);
  Deno.exit(1);
}
const port = Number(Deno.env.get("PORT") ?? "8000");
const hostname = Deno.env.get("HOST") ?? "127.0.0.1";

// Exiting on a signal runs the "unload" listeners, so request-log lines
// still waiting in their batch are written before the process ends.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  try {
    Deno.addSignalListener(signal, () => Deno.exit(0));
  } catch {
    // Windows has no SIGTERM listener; nothing to flush there on a kill.
  }
}

Deno.serve({ port, hostname }, app.fetch);
