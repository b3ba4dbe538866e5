/**
 * The keymint web server for `deno serve web/serve.ts`: the app as a
 * default `{ fetch }` export, built when needed.
 *
 * @module
 */

import { createApp } from "./app.ts";

const app = await createApp();

export default { fetch: app.fetch } satisfies Deno.ServeDefaultExport;
