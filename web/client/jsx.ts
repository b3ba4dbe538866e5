/**
 * What esbuild puts in scope for the JSX of the browser bundle: the
 * classic `h(type, props, ...children)` calls, shorter than the automatic
 * runtime's `jsx(type, { children: [...] })`, and from Preact's own module,
 * so every island shares one chunk with it. Type checking and the server
 * keep the automatic runtime (deno.json); Preact treats both alike.
 *
 * @module
 */

export { Fragment, h } from "preact";
