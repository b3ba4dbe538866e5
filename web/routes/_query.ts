/**
 * Reading an API query into options: every parameter known, none repeated.
 *
 * @module
 */

import { quoteValue } from "@keymint/core/faces";

/** The query of a URL, without its `?` ("" when there is none). */
export function queryOf(url: string): string {
  const mark = url.indexOf("?");
  return mark === -1 ? "" : url.slice(mark + 1);
}

/**
 * The parameters of `query` as a plain object, refusing names outside
 * `allowed` and names given more than once.
 *
 * @param query The request's query.
 * @param allowed The parameter names the route reads.
 * @returns One value per name.
 * @throws {TypeError} For an unknown or repeated parameter.
 */
export function queryOptions(
  query: URLSearchParams,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [name, value] of query) {
    if (!allowed.has(name)) {
      throw new TypeError(
        `Cannot read query: unknown parameter ${quoteValue(name)}; use ${
          [...allowed].join(", ")
        }`,
      );
    }
    if (Object.hasOwn(options, name)) {
      throw new TypeError(
        `Cannot read query: parameter ${
          quoteValue(name)
        } is given more than once`,
      );
    }
    options[name] = value;
  }
  return options;
}
