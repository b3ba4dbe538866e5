import { Component } from "preact";
import { parseKeySpec } from "@keymint/core";
import { type GeneratorOptions, toKeyOptions } from "../options.ts";

/** Props of {@linkcode PrefixRules}. */
export interface PrefixRulesProps {
  /** The generator's options; rules are shown only when a prefix is set. */
  options: GeneratorOptions;
}

type ViewModule = typeof import("./PrefixRulesView.tsx");

interface PrefixRulesState {
  open: boolean;
  /** The view's code, once loaded (when the view is first opened). */
  view: ViewModule | undefined;
  /** Loading it failed (offline); opening again retries. */
  failed: boolean;
}

/**
 * Scanner rules for the keys the generator would make with the current
 * prefix, made in the browser by the core (no request that carries
 * anything of the key), shown on demand beside the prefix field. Only the
 * closed view is in the generator's bundle: the scanner choice and the
 * rules (`PrefixRulesView.tsx`, with the core's rules code) are loaded
 * when the view is first opened.
 *
 * A class component, like the generator: no hooks in the first load.
 */
export class PrefixRules extends Component<PrefixRulesProps, PrefixRulesState> {
  #loading = false;

  constructor(props: PrefixRulesProps) {
    super(props);
    this.state = { open: false, view: undefined, failed: false };
  }

  #toggle(open: boolean): void {
    this.setState({ open });
    if (!open || this.state.view || this.#loading) return;
    this.#loading = true;
    import("./PrefixRulesView.tsx").then(
      (view) => this.setState({ view, failed: false }),
      () => this.setState({ failed: true }),
    ).finally(() => this.#loading = false);
  }

  override render() {
    const { options } = this.props;
    const { open, view, failed } = this.state;
    if (options.prefix === "" || options.preset !== "") return null;
    const content = view
      ? (
        <view.PrefixRulesView
          open={open}
          spec={() =>
            parseKeySpec({
              ...toKeyOptions(options),
              count: "1",
              allowWeak: true,
            })}
        />
      )
      : failed
      ? (
        <p class="error">
          Could not load the rules: check the connection, then close and open
          this again.
        </p>
      )
      : null;
    return (
      <details
        class="prefix-rules"
        onToggle={(e) => this.#toggle(e.currentTarget.open)}
      >
        <summary>Scanner rules for this prefix</summary>
        {content}
      </details>
    );
  }
}
