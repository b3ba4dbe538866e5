import { useEffect, useRef, useState } from "preact/hooks";
import {
  algorithmsFor,
  type ExportedKeyPair,
  exportKeyPair,
  generateKeyPair,
  KEY_PAIR_KINDS,
  type KeyPairKind,
} from "@keymint/core";

/** Props of {@linkcode KeyPair}; plain data, sent to the browser as JSON. */
export interface KeyPairProps {
  /**
   * The kind selected at first.
   *
   * @default {"ed25519"}
   */
  kind?: KeyPairKind;
}

const KIND_LABELS: Record<KeyPairKind, string> = {
  ed25519: "Ed25519 (EdDSA)",
  p256: "ECDSA P-256 (ES256)",
  p384: "ECDSA P-384 (ES384)",
  p521: "ECDSA P-521 (ES512)",
  rsa: "RSA (RS256, PS256 ...)",
};

const RSA_SIZES = [2048, 3072, 4096] as const;

interface Choice {
  kind: KeyPairKind;
  alg: string;
  bits: number;
}

type Outcome =
  | { state: "idle" }
  | { state: "making"; started: number; elapsed: number }
  | { state: "done"; pair: ExportedKeyPair }
  | { state: "error"; message: string };

/** One output block: what it is, its file name and whether it is secret. */
interface Block {
  id: string;
  title: string;
  text: string;
  file: string;
  secret: boolean;
}

function blocksOf(pair: ExportedKeyPair): Block[] {
  const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
  const blocks: Block[] = [
    {
      id: "private-jwk",
      title: "Private JWK",
      text: json(pair.privateJwk),
      file: "signing.private.jwk",
      secret: true,
    },
    {
      id: "public-jwk",
      title: "Public JWK",
      text: json(pair.publicJwk),
      file: "signing.public.jwk",
      secret: false,
    },
    {
      id: "jwks",
      title: "JWKS (publish this)",
      text: json(pair.jwks),
      file: "jwks.json",
      secret: false,
    },
    {
      id: "private-pem",
      title: "Private key, PKCS#8 PEM",
      text: pair.privatePem,
      file: "signing.private.pem",
      secret: true,
    },
    {
      id: "public-pem",
      title: "Public key, SPKI PEM",
      text: pair.publicPem,
      file: "signing.public.pem",
      secret: false,
    },
  ];
  if (pair.standardWebhooks) {
    blocks.push({
      id: "whsk",
      title: "Standard Webhooks signing key (whsk_)",
      text: pair.standardWebhooks.signingKey + "\n",
      file: "webhook.private.whsk",
      secret: true,
    }, {
      id: "whpk",
      title: "Standard Webhooks verifying key (whpk_)",
      text: pair.standardWebhooks.verifyingKey + "\n",
      file: "webhook.public.whpk",
      secret: false,
    });
  }
  return blocks;
}

/** Offers `text` as a file download, made in the page (no request). */
function download(text: string, file: string): void {
  const url = URL.createObjectURL(
    new Blob([text], { type: "application/octet-stream" }),
  );
  const link = document.createElement("a");
  link.href = url;
  link.download = file;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Makes a signing key pair in the browser (Web Crypto through
 * `@keymint/core`) and shows it as JWK, JWKS and PEM, each with Copy and
 * Download buttons. Nothing is sent anywhere. An RSA pair shows a progress
 * bar with the elapsed time while it is made (4096 bits takes seconds).
 */
export function KeyPair(props: KeyPairProps) {
  const [choice, setChoice] = useState<Choice>(() => {
    const kind = props.kind ?? "ed25519";
    return { kind, alg: KEY_PAIR_KINDS[kind].alg, bits: 2048 };
  });
  const [outcome, setOutcome] = useState<Outcome>({ state: "idle" });
  const [status, setStatus] = useState("");
  // The button stays disabled until hydration: the form never submits.
  const [ready, setReady] = useState(false);
  const round = useRef(0);
  useEffect(() => setReady(true), []);

  useEffect(() => {
    if (outcome.state !== "making") return;
    const timer = setInterval(() => {
      setOutcome((now) =>
        now.state === "making"
          ? { ...now, elapsed: performance.now() - now.started }
          : now
      );
    }, 100);
    return () => clearInterval(timer);
  }, [outcome.state]);

  const make = async () => {
    const mine = ++round.current;
    setStatus("");
    setOutcome({ state: "making", started: performance.now(), elapsed: 0 });
    try {
      const options = choice.kind === "rsa"
        ? { alg: choice.alg, bits: choice.bits }
        : { alg: choice.alg };
      const pair = await exportKeyPair(
        await generateKeyPair(choice.kind, options),
      );
      if (mine === round.current) setOutcome({ state: "done", pair });
    } catch (error) {
      if (mine !== round.current) return;
      setOutcome({
        state: "error",
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const copy = async (block: Block) => {
    try {
      await navigator.clipboard.writeText(block.text);
      setStatus(`${block.title} copied to the clipboard`);
    } catch {
      setStatus(
        "Could not copy: select the text and press Ctrl+C (Cmd+C on a Mac)",
      );
    }
  };

  const setKind = (kind: KeyPairKind) =>
    setChoice((now) => ({ ...now, kind, alg: KEY_PAIR_KINDS[kind].alg }));
  const making = outcome.state === "making";
  const label = choice.kind === "rsa"
    ? `RSA-${choice.bits}`
    : KIND_LABELS[choice.kind];

  return (
    <form
      class="keypair"
      aria-label="Key pair"
      onSubmit={(event) => {
        event.preventDefault();
        if (!making) void make();
      }}
    >
      <div class="controls">
        <div class="field">
          <label for="kp-kind">Kind</label>
          <select
            id="kp-kind"
            value={choice.kind}
            onChange={(e) => setKind(e.currentTarget.value as KeyPairKind)}
          >
            {(Object.keys(KIND_LABELS) as KeyPairKind[]).map((kind) => (
              <option key={kind} value={kind}>{KIND_LABELS[kind]}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="kp-alg">Algorithm</label>
          <select
            id="kp-alg"
            value={choice.alg}
            onChange={(e) => {
              const alg = e.currentTarget.value;
              setChoice((now) => ({ ...now, alg }));
            }}
          >
            {algorithmsFor(choice.kind).map((alg) => (
              <option key={alg} value={alg}>{alg}</option>
            ))}
          </select>
        </div>
        {choice.kind === "rsa"
          ? (
            <div class="field">
              <label for="kp-bits">RSA size (bits)</label>
              <select
                id="kp-bits"
                value={String(choice.bits)}
                onChange={(e) => {
                  const bits = Number(e.currentTarget.value);
                  setChoice((now) => ({ ...now, bits }));
                }}
              >
                {RSA_SIZES.map((bits) => (
                  <option key={bits} value={String(bits)}>{bits}</option>
                ))}
              </select>
            </div>
          )
          : null}
      </div>
      <div class="actions">
        <button
          type="submit"
          class="primary"
          id="kp-make"
          disabled={!ready || making}
        >
          Make key pair
        </button>
        <p class="status" role="status" aria-live="polite">
          {making
            ? `Making an ${label} key pair... ${
              (outcome.elapsed / 1000).toFixed(1)
            } s`
            : status}
        </p>
      </div>
      {making
        ? <progress class="keypair-progress" aria-label={`Making ${label}`} />
        : null}
      {outcome.state === "error"
        ? <p class="error" role="alert">{outcome.message}</p>
        : null}
      {outcome.state === "done"
        ? (
          <div class="keypair-result" data-kid={outcome.pair.kid}>
            <p>
              kid (RFC 7638 thumbprint): <code>{outcome.pair.kid}</code>
            </p>
            {blocksOf(outcome.pair).map((block) => (
              <div key={block.id} class="keypair-block">
                <h3 id={`kp-${block.id}`}>
                  {block.title}
                  {block.secret ? " (secret: keep it private)" : ""}
                </h3>
                <pre
                  aria-labelledby={`kp-${block.id}`}
                ><code data-keypair={block.id}>{block.text}</code></pre>
                <div class="actions">
                  <button
                    type="button"
                    onClick={() =>
                      void copy(block)}
                    aria-label={`Copy ${block.title}`}
                  >
                    Copy
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      download(block.text, block.file)}
                    aria-label={`Download ${block.title} as ${block.file}`}
                  >
                    Download
                  </button>
                </div>
              </div>
            ))}
          </div>
        )
        : null}
    </form>
  );
}
