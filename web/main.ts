/**
 * Starts the keymint web server with `Deno.serve` on `PORT` (default 8000),
 * building the islands first when needed:
 *
 * ```sh
 * deno task start
 * ```
 *
 * For `deno serve` (and Deno Deploy's `deno serve` mode) use `web/serve.ts`,
 * which exports the same app as a default `{ fetch }` object.
 *
 * @module
 */

import { createApp } from "./app.ts";

const app = await createApp();
const port = Number(Deno.env.get("PORT") ?? "8000");
Deno.serve({ port }, app.fetch);
