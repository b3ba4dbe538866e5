import type { GeneratedKey, KeySpec } from "@keymint/core";
import { strengthOf } from "../../options.ts";
import type { PresetChoice } from "./Controls.tsx";

/** What the result area shows and what its buttons do. */
export interface ResultProps {
  /** The spec of the options, or `undefined` while they are invalid. */
  spec: KeySpec | undefined;
  /** The keys shown: `null` before the first are made (server render). */
  keys: GeneratedKey[] | null;
  /** The keys belong to earlier options: the current ones are invalid. */
  stale: boolean;
  /** Which copy button shows "Copied": a key's index, `-1` for all. */
  copied: number | null;
  /** The live status line (copy, download, regenerate). */
  status: string;
  /** The preset chosen, if any (it offers a .env download). */
  preset: PresetChoice | undefined;
  onCopy(text: string, index: number, what: string): void;
  onDownload(kind: "txt" | "env"): void;
}

/**
 * The result area: the keys (scrolling inside it when there are many), their
 * strength, and Generate, Copy, Copy all and Download side by side.
 */
export function Result(props: ResultProps) {
  const { spec, keys, stale, copied, preset } = props;
  const shown = keys ?? [];
  const bits = keys?.[0]?.bits ?? spec?.bits;
  const strength = bits === undefined ? undefined : strengthOf(bits);
  const ready = keys !== null;
  return (
    <div class={stale ? "result stale" : "result"}>
      {strength
        ? (
          <p class="strength" data-rating={strength.rating}>
            <span class="meter" aria-hidden="true" />
            <span>{bits} bits · {strength.words}</span>
          </p>
        )
        : null}
      {stale
        ? (
          <p class="stale-note" id="gen-stale">
            Not updated: these keys are for the last valid options.
          </p>
        )
        : null}
      <ol
        class="keys"
        aria-label="Generated keys"
        aria-describedby={stale ? "gen-stale" : undefined}
        tabIndex={shown.length > 5 ? 0 : undefined}
      >
        {spec && !ready
          ? Array.from(
            { length: spec.count },
            (_, i) => (
              <li key={i} class="key-row">
                <code class="key key-pending" aria-hidden="true">
                  {"0".repeat(spec.length)}
                </code>
                <button type="button" class="copy" disabled>Copy</button>
                <span class="key-meta">
                  {spec.length} characters · {spec.bits} bits
                </span>
              </li>
            ),
          )
          : shown.map((key, i) => (
            <li key={i} class="key-row">
              <code class="key" data-key>{key.value}</code>
              <button
                type="button"
                class="copy"
                aria-label={`Copy key ${i + 1}`}
                onClick={() => props.onCopy(key.value, i, `Key ${i + 1}`)}
              >
                {copied === i ? "Copied" : "Copy"}
              </button>
              <span class="key-meta">
                {key.length} characters · {key.bits} bits
              </span>
            </li>
          ))}
      </ol>
      <div class="actions">
        <button type="submit" class="primary" id="gen-generate">
          Generate
        </button>
        {shown.length > 1
          ? (
            <button
              type="button"
              onClick={() =>
                props.onCopy(
                  shown.map((k) => k.value).join("\n") + "\n",
                  -1,
                  "All keys",
                )}
            >
              {copied === -1 ? "Copied all" : "Copy all"}
            </button>
          )
          : null}
        <button
          type="button"
          disabled={!ready}
          onClick={() => props.onDownload("txt")}
        >
          Download .txt
        </button>
        {preset
          ? (
            <button
              type="button"
              disabled={!ready}
              onClick={() => props.onDownload("env")}
            >
              Download .env
            </button>
          )
          : null}
      </div>
      <p class="status" role="status" aria-live="polite">{props.status}</p>
      <p class="hint" id="gen-shortcut">
        Press <kbd>R</kbd> (or <kbd>Ctrl</kbd>+<kbd>Enter</kbd>{" "}
        in a field) for new keys.
      </p>
    </div>
  );
}
