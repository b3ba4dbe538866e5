/**
 * `keymint keypair`: a signing key pair (Ed25519, ECDSA, RSA) as JWK, JWKS,
 * PEM or Standard Webhooks keys, on stdout or in two files.
 *
 * @module
 */

import {
  type ExportedKeyPair,
  exportKeyPair,
  generateKeyPair,
  KEY_PAIR_KINDS,
  KEY_PAIR_PRESETS,
  type KeyPairKind,
  type KeyPairOptions,
} from "@keymint/core";
import { didYouMean } from "@keymint/core/faces";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, type FlagValues, parseFlags } from "./_args.ts";
import {
  quoteArgument,
  UsageError,
  writeText,
  writeWarnings,
} from "./_message.ts";
import { JSON_FLAG, QUIET_FLAG, writeJson } from "./_output.ts";
import { keyFiles, publicDocument, writeKeyFiles } from "./_key_files.ts";

const FORMS = ["jwk", "jwks", "pem", "standard-webhooks"] as const;

const FLAGS = {
  bits: {
    type: "string",
    short: "b",
    placeholder: "N",
    summary: "RSA size: 2048 (default), 3072 or 4096",
    complete: ["2048", "3072", "4096"],
  },
  alg: {
    type: "string",
    placeholder: "A",
    summary: "JWT alg: EdDSA, ES256, ES384, ES512, RS256 (default for rsa),\n" +
      "RS384, RS512, PS256, PS384, PS512; must fit the kind",
  },
  jwk: { type: "boolean", summary: "the private JWK (the default)" },
  jwks: { type: "boolean", summary: "a JWKS of the public key" },
  pem: { type: "boolean", summary: "PKCS#8 private and SPKI public PEM" },
  "standard-webhooks": {
    type: "boolean",
    summary: "whsk_ signing and whpk_ verifying keys (ed25519)",
  },
  out: {
    type: "string",
    placeholder: "PREFIX",
    complete: "file",
    summary:
      "write PREFIX.private.* (mode 0600) and PREFIX.public.*, never\nreplacing a file; stdout gets only the public part",
  },
  ...JSON_FLAG,
  ...QUIET_FLAG,
} as const satisfies FlagTable;

type Form = typeof FORMS[number] | "json";

/** The keypair command. */
export const keypairCommand: Command = {
  help: `keymint keypair: a signing key pair for JWTs or asymmetric webhooks

Made locally with Web Crypto. Both JWKs carry kid (the RFC 7638 thumbprint),
alg and use. Private key material goes only to stdout or to a file with
mode 0600.

Usage:
  keymint keypair [KIND | PRESET] [--bits N] [--alg A]
                  [--jwk | --jwks | --pem | --standard-webhooks | --json]
                  [--out PREFIX] [-q]

Kinds (default ed25519):
  ed25519   EdDSA (or Ed25519)        p384   ES384
  p256      ES256                     p521   ES512
  rsa       RS256, RS384, RS512, PS256, PS384, PS512 (2048, 3072, 4096 bits)

Presets:
${
    Object.entries(KEY_PAIR_PRESETS).map(([name, preset]) =>
      `  ${name.padEnd(27)}${preset.summary}`
    ).join("\n")
  }

Flags:
  -b, --bits N       RSA size: 2048 (default), 3072 or 4096; below 2048 is refused
      --alg A        the JWT alg; it must fit the kind
      --jwk          the private JWK, public members included (default)
      --jwks         a JWKS document of the public key only
      --pem          the PKCS#8 private key, then the SPKI public key
      --standard-webhooks
                     signing_key=whsk_... and verifying_key=whpk_... (ed25519)
      --json         one JSON object with every form
      --out PREFIX   write PREFIX.private.<form> (mode 0600) and
                     PREFIX.public.<form>, refusing to replace either;
                     stdout gets only the public part
  -q, --quiet        no notes on stderr

Examples:
  keymint keypair                              an Ed25519 private JWK
  keymint keypair jwt-es256 --out signing      signing.private.jwk, signing.public.jwk
  keymint keypair rsa --bits 3072 --alg PS256 --pem
  keymint keypair standard-webhooks-ed25519
  keymint inspect < signing.public.jwk          kind, size, kid and warnings
`,
  flags: FLAGS,
  operands: [...Object.keys(KEY_PAIR_KINDS), ...Object.keys(KEY_PAIR_PRESETS)],
  run: keypair,
};

/** Whether `name` is a key-pair preset (`keymint preset NAME` hands those here). */
export function isKeyPairPreset(name: string): boolean {
  return Object.hasOwn(KEY_PAIR_PRESETS, name);
}

async function keypair(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  if (positionals.length > 1) {
    throw new UsageError(
      `Cannot parse arguments: unexpected argument ${
        quoteArgument(positionals[1]!)
      } (keypair takes one KIND or PRESET)`,
    );
  }
  const { kind, options, presetForm } = chooseKind(positionals[0], values);
  const form = chooseForm(values) ?? presetForm ?? "jwk";
  if (form === "standard-webhooks" && kind !== "ed25519") {
    throw new UsageError(
      `Cannot write Standard Webhooks keys for a ${kind} key: they are Ed25519`,
      "run: keymint keypair standard-webhooks-ed25519",
    );
  }
  const pair = await withProgress(
    io,
    kind,
    options.bits,
    generateKeyPair(kind, options),
  );
  const exported = await exportKeyPair(pair);
  if (values.out !== undefined) {
    const written = await writeKeyFiles(values.out, form, exported);
    await writePublic(io, form, exported, written);
    if (!values.quiet) {
      await writeText(
        io.stderr,
        `keymint: wrote ${written.private} (mode 0600) and ${written.public}; kid ${exported.kid}\n`,
      );
    }
    return 0;
  }
  if (form === "jwks" && !values.quiet) {
    await writeWarnings(io, [
      "the private key was not kept; use --out PREFIX to keep it",
    ]);
  }
  await writeForm(io, form, exported);
  return 0;
}

function chooseKind(
  name: string | undefined,
  values: FlagValues<typeof FLAGS>,
): { kind: KeyPairKind; options: KeyPairOptions; presetForm?: Form } {
  const options: KeyPairOptions = {};
  if (values.bits !== undefined) {
    options.bits = /^-?\d{1,6}$/.test(values.bits) ? Number(values.bits) : NaN;
    if (Number.isNaN(options.bits)) {
      throw new UsageError(
        `Cannot parse --bits: ${quoteArgument(values.bits)} is not a number`,
      );
    }
  }
  if (values.alg !== undefined) options.alg = values.alg;
  if (name === undefined) return { kind: "ed25519", options };
  if (Object.hasOwn(KEY_PAIR_KINDS, name)) {
    return { kind: name as KeyPairKind, options };
  }
  const preset = KEY_PAIR_PRESETS[name];
  if (preset !== undefined && Object.hasOwn(KEY_PAIR_PRESETS, name)) {
    if (values.alg !== undefined && values.alg !== preset.alg) {
      throw new UsageError(
        `Cannot use --alg ${
          quoteArgument(values.alg)
        } with preset ${name}: it signs with ${preset.alg}`,
      );
    }
    return {
      kind: preset.kind,
      options: { ...options, alg: preset.alg },
      presetForm: preset.form,
    };
  }
  const names = [
    ...Object.keys(KEY_PAIR_KINDS),
    ...Object.keys(KEY_PAIR_PRESETS),
  ];
  throw new UsageError(
    `Cannot make a key pair: unknown kind ${quoteArgument(name)}${
      didYouMean(name, names)
    }`,
    `use one of ${Object.keys(KEY_PAIR_KINDS).join(", ")}, or a preset: ${
      Object.keys(KEY_PAIR_PRESETS).join(", ")
    }`,
  );
}

function chooseForm(values: FlagValues<typeof FLAGS>): Form | undefined {
  const chosen: Form[] = [...FORMS, "json" as const].filter((form) =>
    values[form] === true
  );
  if (chosen.length > 1) {
    throw new UsageError(
      `Cannot use ${
        chosen.map((form) => `--${form}`).join(" and ")
      } together: pick one form`,
    );
  }
  return chosen[0];
}

/**
 * Shows `keymint: making an RSA-4096 key pair... 1.2 s` on a terminal's
 * stderr while a large RSA pair is made (several seconds), then clears it.
 * Web Crypto makes the key off the main thread, so the timer keeps running.
 */
async function withProgress<T>(
  io: RunIo,
  kind: KeyPairKind,
  bits: number | undefined,
  work: Promise<T>,
): Promise<T> {
  if (kind !== "rsa" || (bits ?? 0) < 3072 || !io.stderrIsTerminal) {
    return await work;
  }
  const started = io.now();
  const label = `keymint: making an RSA-${bits} key pair...`;
  let shown = Promise.resolve();
  const show = (text: string) => {
    shown = shown.then(() => writeText(io.stderr, text)).catch(() => {});
  };
  show(`${label}\r`);
  const timer = setInterval(() => {
    const seconds = ((io.now() - started) / 1000).toFixed(1);
    show(`${label} ${seconds} s\r`);
  }, 100);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    show("\r\x1b[K");
    await shown;
  }
}

/** The whole of one form, private part included, for stdout. */
async function writeForm(
  io: RunIo,
  form: Form,
  exported: ExportedKeyPair,
): Promise<void> {
  switch (form) {
    case "json":
      return await writeJson(io, exported);
    case "jwk":
      return await writeJson(io, exported.privateJwk);
    case "jwks":
      return await writeJson(io, exported.jwks);
    case "pem":
      return await writeText(
        io.stdout,
        exported.privatePem + exported.publicPem,
      );
    case "standard-webhooks": {
      const keys = exported.standardWebhooks!;
      return await writeText(
        io.stdout,
        `signing_key=${keys.signingKey}\nverifying_key=${keys.verifyingKey}\n`,
      );
    }
  }
}

/** The public part of one form, for stdout after `--out`. */
async function writePublic(
  io: RunIo,
  form: Form,
  exported: ExportedKeyPair,
  files: { private: string; public: string },
): Promise<void> {
  if (form === "json") {
    return await writeJson(io, { ...publicDocument(exported), files });
  }
  await writeText(io.stdout, keyFiles(form, exported).public.text);
}
