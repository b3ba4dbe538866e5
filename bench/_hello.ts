/**
 * The baseline of bench/load.sh: a bare `Deno.serve` hello world on
 * 127.0.0.1:PORT, the fastest a Deno HTTP server answers on this machine.
 *
 * @module
 */

const port = Number(Deno.env.get("PORT") ?? "8000");
Deno.serve(
  { hostname: "127.0.0.1", port, onListen() {} },
  () => new Response("Hello, world\n"),
);
