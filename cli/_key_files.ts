/**
 * `keypair --out PREFIX`: the two key files, the private one with mode 0600,
 * neither ever replacing a file that exists.
 *
 * @module
 */

import type { ExportedKeyPair } from "@keymint/core";
import { CommandFailed, quoteArgument, UsageError } from "./_message.ts";
import { fileProblem } from "./_read_file.ts";

/** The forms keypair writes. */
export type KeyFileForm = "jwk" | "jwks" | "pem" | "standard-webhooks" | "json";

/** The mode of the private key file: owner read and write only. */
export const PRIVATE_FILE_MODE = 0o600;

interface FileText {
  readonly extension: string;
  readonly text: string;
}

/**
 * The public parts of a pair as one JSON object: what `--json --out` prints
 * and writes to the public file.
 */
export function publicDocument(exported: ExportedKeyPair): object {
  const { kind, alg, bits, kid, publicJwk, jwks, publicPem } = exported;
  const verifyingKey = exported.standardWebhooks?.verifyingKey;
  return {
    kind,
    alg,
    bits,
    kid,
    publicJwk,
    jwks,
    publicPem,
    ...(verifyingKey === undefined ? {} : { verifyingKey }),
  };
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

/** The private and the public file of `form`. */
export function keyFiles(
  form: KeyFileForm,
  exported: ExportedKeyPair,
): { private: FileText; public: FileText } {
  switch (form) {
    case "jwk":
      return {
        private: { extension: "jwk", text: json(exported.privateJwk) },
        public: { extension: "jwk", text: json(exported.publicJwk) },
      };
    case "jwks":
      return {
        private: { extension: "jwk", text: json(exported.privateJwk) },
        public: { extension: "jwks", text: json(exported.jwks) },
      };
    case "pem":
      return {
        private: { extension: "pem", text: exported.privatePem },
        public: { extension: "pem", text: exported.publicPem },
      };
    case "standard-webhooks": {
      const keys = exported.standardWebhooks!;
      return {
        private: { extension: "whsk", text: keys.signingKey + "\n" },
        public: { extension: "whpk", text: keys.verifyingKey + "\n" },
      };
    }
    case "json":
      return {
        private: { extension: "json", text: json(exported) },
        public: { extension: "json", text: json(publicDocument(exported)) },
      };
  }
}

/**
 * Writes `PREFIX.private.<ext>` (mode 0600) and `PREFIX.public.<ext>`.
 * Neither may exist already; if the second cannot be written, the first is
 * removed again, so a retry starts clean.
 *
 * @param prefix The `--out` value.
 * @param form The form to write.
 * @param exported The pair.
 * @returns The two paths.
 * @throws {UsageError} For an empty prefix.
 * @throws {CommandFailed} When a file exists or cannot be written (exit 1).
 */
export async function writeKeyFiles(
  prefix: string,
  form: KeyFileForm,
  exported: ExportedKeyPair,
): Promise<{ private: string; public: string }> {
  if (prefix === "") {
    throw new UsageError("Cannot use --out: PREFIX is empty");
  }
  const files = keyFiles(form, exported);
  const privatePath = `${prefix}.private.${files.private.extension}`;
  const publicPath = `${prefix}.public.${files.public.extension}`;
  for (const path of [privatePath, publicPath]) await refuseExisting(path);
  await writeNew(privatePath, files.private.text, PRIVATE_FILE_MODE);
  try {
    await writeNew(publicPath, files.public.text, 0o644);
  } catch (error) {
    await Deno.remove(privatePath).catch(() => {});
    throw error;
  }
  return { private: privatePath, public: publicPath };
}

async function refuseExisting(path: string): Promise<void> {
  try {
    await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw new CommandFailed(
      `Cannot write ${quoteArgument(path)}: ${fileProblem(error, "write")}`,
    );
  }
  throw exists(path);
}

function exists(path: string): CommandFailed {
  return new CommandFailed(
    `Cannot write ${
      quoteArgument(path)
    }: it already exists; keymint never replaces a key file`,
    "choose another --out PREFIX, or move the old files away",
  );
}

async function writeNew(path: string, text: string, mode: number) {
  try {
    await Deno.writeTextFile(path, text, { createNew: true, mode });
    // The umask may have cleared bits but never adds any; chmod makes the
    // mode exact where the platform has modes.
    if (Deno.build.os !== "windows") await Deno.chmod(path, mode);
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) throw exists(path);
    throw new CommandFailed(
      `Cannot write ${quoteArgument(path)}: ${fileProblem(error, "write")}`,
    );
  }
}
