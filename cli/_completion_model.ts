/**
 * What the shell completions know, gathered from the same tables as the
 * help: the command table, each command's flag table, the formats, the
 * presets and the webhook schemes (through the commands' `operands` and
 * the flags' `complete`).
 *
 * @module
 */

import type { FlagSpec, FlagTable } from "./_args.ts";
import { HELP_FLAG } from "./_help.ts";
import type { Command, CommandEntry } from "./command.ts";

/** One flag as the shells see it. */
export interface FlagModel {
  /** The long name, without dashes. */
  readonly long: string;
  /** The one-letter alias, if any. */
  readonly short: string | undefined;
  /** The first line of its summary. */
  readonly summary: string;
  /** Whether it takes a value (not for an optional one, as preset --env). */
  readonly takesValue: boolean;
  /** Where the value comes from: files, a fixed list, or nothing. */
  readonly values: "file" | readonly string[] | undefined;
}

/** One command, or one action of a command, as the shells see it. */
export interface CommandModel {
  /** `preset`, or `webhook sign` for an action. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Its flags, `--help` last. */
  readonly flags: readonly FlagModel[];
  /** The words its first argument may be. */
  readonly operands: readonly string[];
}

/** Everything the completion scripts are generated from. */
export interface CompletionModel {
  /** The default command (`keymint [FORMAT]`), named `""`. */
  readonly generate: CommandModel;
  /** The named commands, `help` and `completions` included. */
  readonly commands: readonly CommandModel[];
  /** Actions by command name: `webhook` has `sign` and `verify`. */
  readonly actions: Readonly<Record<string, readonly CommandModel[]>>;
}

/** The shells `keymint completions` writes for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;

/**
 * Loads every command and builds the model.
 *
 * @param commands The command table of `run()`.
 * @param generate The default command.
 */
export async function completionModel(
  commands: ReadonlyMap<string, CommandEntry>,
  generate: Command,
): Promise<CompletionModel> {
  const named: CommandModel[] = [];
  const actions: Record<string, CommandModel[]> = {};
  for (const [name, entry] of commands) {
    const command: Command = name === "completions"
      ? { help: "", operands: SHELLS, run: () => Promise.resolve(0) }
      : await entry.load();
    named.push(modelOf(name, entry.summary, command.flags, command.operands));
    if (command.actions !== undefined) {
      actions[name] = Object.entries(command.actions).map(([action, flags]) =>
        modelOf(`${name} ${action}`, "", flags, [])
      );
    }
  }
  named.push(
    modelOf("help", "this help, or a command's", {}, [...commands.keys()]),
  );
  return {
    generate: modelOf("", "", generate.flags, generate.operands),
    commands: named,
    actions,
  };
}

function modelOf(
  name: string,
  summary: string,
  flags: FlagTable | undefined,
  operands: readonly string[] | undefined,
): CommandModel {
  return {
    name,
    summary,
    flags: Object.entries<FlagSpec>({ ...flags, ...HELP_FLAG }).map((
      [long, spec],
    ) => ({
      long,
      short: spec.short,
      summary: (spec.summary ?? "").split("\n")[0]!,
      takesValue: spec.type === "string" && spec.optionalValue === undefined,
      values: spec.complete,
    })),
    operands: operands ?? [],
  };
}

/** Every spelling of the flags: `--count`, `-n`. */
export function flagWords(flags: readonly FlagModel[]): string[] {
  return flags.flatMap((flag) =>
    flag.short === undefined
      ? [`--${flag.long}`]
      : [`--${flag.long}`, `-${flag.short}`]
  );
}
