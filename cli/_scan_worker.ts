/**
 * A scan worker: scans the files the main thread names, on another core.
 * Findings (with their keys) go back by message, inside the process only.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import type { ScanKind } from "@keymint/core";
import { scanFile } from "./_scan_file.ts";

let kinds: readonly ScanKind[] = [];

self.onmessage = async (event: MessageEvent) => {
  const message = event.data as
    | { kinds: ScanKind[] }
    | { id: number; path: string; maxBytes: number };
  if ("kinds" in message) {
    kinds = message.kinds;
    return;
  }
  const result = await scanFile(message.path, kinds, message.maxBytes);
  self.postMessage({ id: message.id, result });
};
