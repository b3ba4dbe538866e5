/**
 * Scan workers: files are scanned on every core once a scan is big enough
 * to pay for starting them (measured: bench/scan.sh).
 *
 * @module
 */

import type { ScanKind } from "@keymint/core";
import type { SourceResult } from "./_scan_file.ts";

/** Workers, each with its own queue of files. */
export class ScanPool {
  #workers: { worker: Worker; busy: number }[] = [];
  #waiting = new Map<number, (result: SourceResult) => void>();
  #next = 0;

  /** Starts `size` workers that look for `kinds`. */
  constructor(kinds: readonly ScanKind[], size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(
        new URL("./_scan_worker.ts", import.meta.url).href,
        { type: "module" },
      );
      const slot = { worker, busy: 0 };
      worker.onmessage = (event: MessageEvent) => {
        const { id, result } = event.data as {
          id: number;
          result: SourceResult;
        };
        slot.busy--;
        this.#waiting.get(id)?.(result);
        this.#waiting.delete(id);
      };
      worker.postMessage({ kinds });
      this.#workers.push(slot);
    }
  }

  /** Scans one file on the least busy worker. */
  scan(path: string, maxBytes: number): Promise<SourceResult> {
    const slot = this.#workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      slot.worker.postMessage({ id, path, maxBytes });
    });
  }

  /** Stops every worker. */
  close(): void {
    for (const { worker } of this.#workers) worker.terminate();
  }
}
