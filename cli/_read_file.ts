/**
 * The one bounded reader for files named by flags (`--secret-file`,
 * `--write`): regular files only, at most a limit of bytes.
 *
 * @module
 */

import { quoteArgument, UsageError } from "./_message.ts";

/** How to read. */
export interface ReadFileOptions {
  /** The most bytes accepted; one more is read to tell "too big". */
  readonly maxBytes: number;
  /** What the file is, for messages: `the secret file`. */
  readonly label: string;
  /** Return `undefined` for a missing file instead of refusing it. */
  readonly missingOk?: boolean;
}

/**
 * Reads the regular file at `path`, at most `maxBytes` bytes.
 *
 * The path is checked with `stat` before it is opened, so a FIFO with no
 * writer, a device such as `/dev/zero` or a directory is refused at once
 * instead of hanging or reading without end; the open file is checked
 * again, in case the path changed in between.
 *
 * @param path The file's path, as given.
 * @param options The limit and the label for messages.
 * @returns The bytes, or `undefined` for a missing file with `missingOk`.
 * @throws {UsageError} For a missing, unreadable, special or too big file.
 */
export async function readBoundedFile(
  path: string,
  options: ReadFileOptions,
): Promise<Uint8Array | undefined> {
  const what = `${options.label} ${quoteArgument(path)}`;
  let file: Deno.FsFile | undefined;
  try {
    if (!(await Deno.stat(path)).isFile) throw new NotRegular();
    file = await Deno.open(path, { read: true });
    if (!(await file.stat()).isFile) throw new NotRegular();
    const bytes = new Uint8Array(options.maxBytes + 1);
    let size = 0;
    while (size < bytes.length) {
      const read = await file.read(bytes.subarray(size));
      if (read === null) break;
      size += read;
    }
    if (size > options.maxBytes) {
      throw new UsageError(
        `Cannot read ${what}: it is larger than ${options.maxBytes} bytes`,
      );
    }
    return bytes.slice(0, size);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof Deno.errors.NotFound && options.missingOk) {
      return undefined;
    }
    throw new UsageError(`Cannot read ${what}: ${fileProblem(error, "read")}`);
  } finally {
    file?.close();
  }
}

/** Thrown inside {@linkcode readBoundedFile} for a FIFO, device or directory. */
class NotRegular extends Error {}

/**
 * Says in a few words why a file operation failed.
 *
 * @param error What the Deno file API threw.
 * @param access The permission the operation needs: `read` or `write`.
 * @returns A short phrase such as `no such file`.
 */
export function fileProblem(error: unknown, access: "read" | "write"): string {
  if (error instanceof NotRegular) {
    return "it is not a regular file (a directory, device or FIFO)";
  }
  if (error instanceof Deno.errors.NotFound) return "no such file";
  if (error instanceof Deno.errors.IsADirectory) return "it is a directory";
  if (error instanceof Deno.errors.NotCapable) {
    return `permission denied (keymint needs --allow-${access} for it)`;
  }
  if (error instanceof Deno.errors.PermissionDenied) {
    return "permission denied";
  }
  return error instanceof Error ? error.name : "unreadable";
}
