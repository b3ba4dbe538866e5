/**
 * How the API builds an answer with its headers.
 *
 * @module
 */

/**
 * A response with `headers` set on it. The headers are set one by one on
 * the new response rather than passed in its init: the runtime converts a
 * `headers` init through a generic sequence-of-sequences check that costs
 * about three times as much (measured: 5.4 us against 1.7 us for the API's
 * six headers), which is a tenth of a small answer's whole cost. `set`, not
 * `append`, so that the content type given replaces the one a text body
 * brings.
 *
 * @param body The body, or `null`.
 * @param status The status.
 * @param headers The headers, each name lower case and given once.
 * @returns The response.
 */
export function answerWith(
  body: BodyInit | null,
  status: number,
  headers: readonly (readonly [string, string])[],
): Response {
  const response = new Response(body, { status });
  const target = response.headers;
  for (const [name, value] of headers) target.set(name, value);
  return response;
}
