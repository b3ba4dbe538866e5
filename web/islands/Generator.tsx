import { Component } from "preact";
import {
  type GeneratedKey,
  generateKeys,
  type KeySpec,
  parseKeySpec,
} from "@keymint/core";
import { checkKeyNames, isInputError } from "@keymint/core/faces";
import {
  type GeneratorOptions,
  MAX_PAGE_COUNT,
  optionsToCommand,
  optionsToCurl,
  optionsToPath,
  toKeyOptions,
} from "../options.ts";
import {
  Controls,
  type FormatChoice,
  type PresetChoice,
  type TextField,
} from "./generator/Controls.tsx";
import { download, envFile } from "./generator/download.ts";
import { Result } from "./generator/Result.tsx";

/** Props of {@linkcode Generator}; plain data, sent to the browser as JSON. */
export interface GeneratorProps {
  /** The state the controls start in (from the page URL). */
  options: GeneratorOptions;
  /** The origin the page was served from, for the curl example. */
  origin: string;
  /**
   * The core's preset table, in its order, as the controls list it. The
   * server passes it (`PRESET_CHOICES` in `routes/pages.tsx`) so that the
   * island's bundle carries none of the table's prose; the core resolves
   * a preset's name to its spec by itself.
   */
  presets: readonly PresetChoice[];
  /** The core's format table, in its order, with each format's summary. */
  formats: readonly FormatChoice[];
}

type SpecResult = { spec: KeySpec; error?: undefined } | {
  spec?: undefined;
  error: string;
};

function specFor(options: GeneratorOptions): SpecResult {
  try {
    const keyOptions = toKeyOptions(options);
    checkKeyNames(keyOptions);
    // The page makes short codes on request and warns; it does not refuse.
    return {
      spec: parseKeySpec({ ...keyOptions, allowWeak: true }, {
        maxCount: MAX_PAGE_COUNT,
      }),
    };
  } catch (error) {
    if (isInputError(error)) return { error: error.message };
    throw error;
  }
}

/** Which field the core's message is about. */
function fieldOf(message: string): TextField | "other" {
  for (const field of ["prefix", "alphabet", "count", "length"] as const) {
    if (message.toLowerCase().includes(field)) return field;
  }
  return "other";
}

/** How long typing may pause before the field is validated, in ms. */
const TYPING_PAUSE = 500;

interface GeneratorState {
  /** The options the keys are for (validated when typing stops). */
  options: GeneratorOptions;
  /** What the controls hold now. */
  draft: GeneratorOptions;
  keys: GeneratedKey[] | null;
  copied: number | null;
  status: string;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement &&
    (target.isContentEditable ||
      ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The key generator: the result area (keys, strength, Generate, Copy, Copy
 * all, Download) above the controls. Keys are made here, in the browser,
 * by `@keymint/core`; the server renders the same markup with empty slots
 * of the right size, so nothing moves when the keys arrive. Text fields
 * are validated when typing pauses; while they are invalid the last keys
 * stay, marked stale. R (outside a field) or Ctrl+Enter makes new keys.
 *
 * A class component rather than hooks or signals: it needs only Preact
 * itself, which keeps the first load within its 15 KB budget.
 */
export class Generator extends Component<GeneratorProps, GeneratorState> {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #copyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(props: GeneratorProps) {
    super(props);
    this.state = {
      options: props.options,
      draft: props.options,
      keys: null,
      copied: null,
      status: "",
    };
  }

  #onKey = (event: KeyboardEvent): void => {
    const plainR = event.key.toLowerCase() === "r" && !event.ctrlKey &&
      !event.metaKey && !event.altKey && !isTyping(event.target);
    const ctrlEnter = event.key === "Enter" && (event.ctrlKey || event.metaKey);
    if (!plainR && !ctrlEnter) return;
    event.preventDefault();
    this.regenerate(true);
  };

  override componentDidMount(): void {
    document.addEventListener("keydown", this.#onKey);
    this.generate();
  }

  override componentWillUnmount(): void {
    document.removeEventListener("keydown", this.#onKey);
    clearTimeout(this.#timer);
    clearTimeout(this.#copyTimer);
  }

  override componentDidUpdate(_: GeneratorProps, before: GeneratorState): void {
    const { options } = this.state;
    if (before.options === options) return;
    if (!this.generate()) return;
    const path = optionsToPath(options);
    if (path !== location.pathname + location.search) {
      history.replaceState(null, "", path);
    }
    if (before.options.preset !== options.preset) {
      const preset = this.#preset(options.preset);
      // Callbacks on one module run in order: the last preset wins.
      import("./generator/page_text.ts").then(
        (text) => text.showPageText(preset),
        (error) => console.error(error),
      );
    }
  }

  #preset(name: string): PresetChoice | undefined {
    return this.props.presets.find((p) => p.name === name);
  }

  /** Makes keys for the options; keeps the last ones if they are invalid. */
  generate(): boolean {
    const { spec } = specFor(this.state.options);
    if (!spec) return false;
    this.setState({ keys: generateKeys(spec), copied: null, status: "" });
    return true;
  }

  /** Validates what the fields hold now and makes new keys. */
  regenerate(announce = false): void {
    clearTimeout(this.#timer);
    const fresh = this.state.draft !== this.state.options;
    this.setState({ options: this.state.draft }, () => {
      if (!fresh && !this.generate()) return;
      const count = this.state.keys?.length ?? 0;
      if (announce && specFor(this.state.options).spec) {
        this.setState({
          status: count === 1 ? "Made a new key" : `Made ${count} new keys`,
        });
      }
    });
  }

  set(patch: Partial<GeneratorOptions>, typed = false): void {
    clearTimeout(this.#timer);
    const draft = { ...this.state.draft, ...patch };
    if (typed) {
      this.setState({ draft });
      this.#timer = setTimeout(() => this.commit(), TYPING_PAUSE);
    } else {
      this.setState({ draft, options: draft });
    }
  }

  commit(): void {
    clearTimeout(this.#timer);
    if (this.state.draft !== this.state.options) {
      this.setState({ options: this.state.draft });
    }
  }

  #flash(copied: number | null, status: string): void {
    clearTimeout(this.#copyTimer);
    this.setState({ copied, status });
    // The status goes with the button's state, so it never outlives it.
    this.#copyTimer = setTimeout(
      () => this.setState({ copied: null, status: "" }),
      2500,
    );
  }

  async copy(text: string, index: number, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.#flash(index, `${what} copied to the clipboard`);
    } catch {
      this.#flash(
        null,
        "Could not copy: select the text and press Ctrl+C (Cmd+C on a Mac)",
      );
    }
  }

  save(kind: "txt" | "env"): void {
    const keys = this.state.keys ?? [];
    const preset = this.#preset(this.state.options.preset);
    const spec = specFor(this.state.options).spec;
    if (kind === "env" && preset && spec && keys[0]) {
      // Browsers will not save a dot file: NAME.env, to rename to .env.
      download(
        `${preset.name}.env`,
        envFile(preset.env, keys[0].value, spec.alphabet),
      );
    } else {
      download(
        `${preset?.name ?? "keymint"}-keys.txt`,
        keys.map((k) => k.value).join("\n") + "\n",
      );
    }
    this.#flash(
      null,
      kind === "env" ? "Saved the .env line" : "Saved the keys",
    );
  }

  override render() {
    const { options, draft, keys, copied, status } = this.state;
    const { spec, error } = specFor(options);
    const shown = spec ? options : draft;
    const preset = this.#preset(draft.preset);
    const stale = error !== undefined && keys !== null && keys.length > 0;
    return (
      <form
        class="generator"
        method="get"
        onSubmit={(event) => {
          event.preventDefault();
          this.regenerate(true);
        }}
      >
        {error
          ? <p class="error" id="gen-error" role="alert">{error}</p>
          : null}
        {spec?.warnings.map((w) => (
          <p key={w} class="warning" role="note">{w}</p>
        ))}
        <Result
          spec={spec}
          keys={keys}
          stale={stale}
          copied={copied}
          status={status}
          preset={spec ? preset : undefined}
          onCopy={(text, index, what) => this.copy(text, index, what)}
          onDownload={(kind) => this.save(kind)}
        />
        {preset
          ? (
            <p class="preset-note">
              {preset.title} reads it from <code>{preset.env}</code>:{" "}
              {preset.output}. Rule: {preset.source}
            </p>
          )
          : null}
        <Controls
          draft={draft}
          preset={preset}
          presets={this.props.presets}
          formats={this.props.formats}
          invalid={error ? fieldOf(error) : undefined}
          onSet={(patch, typed) => this.set(patch, typed)}
          onCommit={() => this.commit()}
        />
        <details class="equivalents">
          <summary>The same from the command line or over HTTP</summary>
          <pre><code>{optionsToCommand(shown)}</code></pre>
          <pre><code>{optionsToCurl(shown, this.props.origin)}</code></pre>
        </details>
      </form>
    );
  }
}
