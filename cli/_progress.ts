/**
 * The progress line of long runs.
 *
 * @module
 */

import type { RunIo } from "./io.ts";
import { stderrIsLively, writeText } from "./_message.ts";

/** How long a run goes before the progress line appears, in milliseconds. */
const PROGRESS_DELAY = 1000;
/** How often the progress line is redrawn, in milliseconds. */
const PROGRESS_INTERVAL = 200;

/**
 * A progress line on stderr for long runs whose output goes to a file or
 * pipe while a person watches the terminal.
 */
export class Progress {
  readonly #io: RunIo;
  readonly #total: number;
  readonly #started: number;
  #lastDrawn = -Infinity;
  #shown = false;

  #enabled: boolean;

  /** Shows progress towards `total` keys, unless `quiet`. */
  constructor(io: RunIo, total: number, quiet?: boolean) {
    this.#io = io;
    this.#total = total;
    this.#enabled = !quiet && !io.stdoutIsTerminal && stderrIsLively(io);
    this.#started = this.#enabled ? io.now() : 0;
  }

  /** Redraws the line now and then, once `done` keys are out. */
  async update(done: number): Promise<void> {
    if (!this.#enabled) return;
    const now = this.#io.now();
    if (now - this.#started < PROGRESS_DELAY) return;
    if (now - this.#lastDrawn < PROGRESS_INTERVAL) return;
    this.#lastDrawn = now;
    this.#shown = true;
    const percent = Math.floor((done / this.#total) * 100);
    const seconds = ((now - this.#started) / 1000).toFixed(1);
    await this.#draw(
      `\r\x1b[Kkeymint: ${done.toLocaleString("en-US")} of ${
        this.#total.toLocaleString("en-US")
      } keys (${percent}%), ${seconds} s`,
    );
  }

  /** Clears the line, if one was drawn. */
  async done(): Promise<void> {
    if (this.#shown) await this.#draw("\r\x1b[K");
  }

  /** Progress is advice: if stderr fails, it stops and the keys go on. */
  async #draw(text: string): Promise<void> {
    try {
      await writeText(this.#io.stderr, text);
    } catch {
      this.#enabled = false;
    }
  }
}
