/**
 * The shape of a keymint subcommand.
 *
 * @module
 */

import type { RunIo } from "./io.ts";
import type { FlagTable } from "./_args.ts";

/** One subcommand: its help text and what it does. */
export interface Command {
  /** The full help, printed on stdout by `keymint NAME --help`. */
  readonly help: string;
  /** The flags it accepts, for the shell completions. */
  readonly flags?: FlagTable;
  /** The words its first argument may be (formats, preset names). */
  readonly operands?: readonly string[];
  /** Actions named by the first argument, each with its own flags. */
  readonly actions?: Readonly<Record<string, FlagTable>>;
  /**
   * Runs the command on the arguments after its name and returns the exit
   * code. Bad input is thrown as a `TypeError`, `RangeError` or
   * `SyntaxError`; `run()` turns those into exit code 2.
   */
  run(args: readonly string[], io: RunIo): Promise<number>;
}

/** A row of the command table: loaded only when the command runs. */
export interface CommandEntry {
  /** One line for the command list in `keymint --help`. */
  readonly summary: string;
  /** Imports the command's module. */
  load(): Promise<Command>;
}
