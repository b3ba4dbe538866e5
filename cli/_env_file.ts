/**
 * `--write FILE`: sets variables in a dotenv file in place, atomically.
 *
 * @module
 */

import { fileProblem, readBoundedFile } from "./_read_file.ts";
import { setEnvValue, ValueAlreadySet } from "./_dotenv.ts";
import { CommandFailed, quoteArgument, UsageError } from "./_message.ts";

/** The largest dotenv file edited, in bytes. */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

/** The mode of a dotenv file that `--write` creates: owner only. */
export const NEW_FILE_MODE = 0o600;

/**
 * Sets each `NAME=value` of `assignments` in the dotenv file at `path`.
 *
 * The new text goes to a temporary file in the same folder, with the old
 * file's mode (0600 for a new file), which then replaces the file with one
 * rename: a reader sees the old file or the new one, never half of either.
 * A symbolic link is written through (its target is replaced).
 *
 * @param path The file, as given to `--write`.
 * @param assignments `NAME=value` lines from `envAssignment`.
 * @param force Replace values that are already set.
 * @throws {UsageError} For a file that is not a regular UTF-8 file under
 * the size limit (exit 2).
 * @throws {CommandFailed} When a name is already set without `force`, or
 * the file cannot be written; the file is left as it was (exit 1).
 */
export async function setInEnvFile(
  path: string,
  assignments: readonly string[],
  force: boolean,
): Promise<void> {
  const shown = quoteArgument(path);
  const bytes = await readBoundedFile(path, {
    maxBytes: MAX_ENV_FILE_BYTES,
    label: "the .env file",
    missingOk: true,
  });
  let text = "";
  if (bytes !== undefined) {
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })
        .decode(bytes);
    } catch {
      throw new UsageError(`Cannot edit ${shown}: it is not UTF-8 text`);
    }
  }
  try {
    for (const assignment of assignments) {
      text = setEnvValue(text, assignment, force).text;
    }
  } catch (error) {
    if (!(error instanceof ValueAlreadySet)) throw error;
    throw new CommandFailed(
      `Cannot set ${error.variable} in ${shown}: it already holds a value; the file is unchanged`,
      "pass --force to replace it",
    );
  }
  const target = bytes === undefined ? path : await Deno.realPath(path);
  const mode = bytes === undefined
    ? NEW_FILE_MODE
    : (await Deno.stat(target)).mode! & 0o7777;
  await replaceFile(target, new TextEncoder().encode(text), mode, shown);
}

async function replaceFile(
  target: string,
  bytes: Uint8Array,
  mode: number,
  shown: string,
): Promise<void> {
  const slash = target.lastIndexOf("/");
  const folder = slash === -1 ? "." : target.slice(0, slash) || "/";
  const base = target.slice(slash + 1);
  const random = crypto.getRandomValues(new Uint8Array(6)).toHex();
  const temporary = `${folder}/.${base}.${random}.keymint-tmp`;
  try {
    await Deno.writeFile(temporary, bytes, { createNew: true, mode });
    if (Deno.build.os !== "windows") await Deno.chmod(temporary, mode);
    await Deno.rename(temporary, target);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw new CommandFailed(
      `cannot write ${shown}: ${writeProblem(error)}; the file is unchanged`,
    );
  }
}

function writeProblem(error: unknown): string {
  if (error instanceof Error && /ENOSPC|No space/i.test(error.message)) {
    return "no space left on the device";
  }
  return fileProblem(error, "write");
}
