/**
 * The request log: one line per request (`METHOD ROUTE STATUS`), written in
 * batches, and the one line an internal error leaves.
 *
 * @module
 */

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
 * A request's method as a log line may carry it: at most 16 characters,
 * anything outside printable ASCII (and space) written as `?`.
 *
 * @param method The request's method.
 * @returns One word of printable ASCII.
 */
export function loggableMethod(method: string): string {
  return method === "GET" || method === "HEAD"
    ? method
    : method.slice(0, 16).replace(/[^\x21-\x7e]/g, "?");
}

/**
 * `name at file:line` of an error, without its message (which may hold
 * input).
 *
 * @param error What was thrown.
 * @returns One line of printable ASCII, at most 200 characters.
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  // The stack starts with "Name: message", and the message may span lines.
  const stack = error.stack ?? "";
  const header = error.message ? `${error.name}: ${error.message}` : error.name;
  const frames = stack.startsWith(header) ? stack.slice(header.length) : "";
  const frame = frames.split("\n", 2)[1]?.trim() ?? "";
  return `${error.name} ${frame}`.slice(0, 200).replace(/[^\x20-\x7e]/g, "?");
}
