/**
 * What the webhook CLI tests share: the published test vectors and a
 * folder of secret files that is removed when the test process ends.
 *
 * @module
 */

/** The Standard Webhooks reference libraries' test vector. */
export const STANDARD = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: "1614265330",
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
} as const;

/** GitHub's documented example delivery. */
export const GITHUB = {
  secret: "It's a Secret to Everybody",
  body: "Hello, World!",
  signature:
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
} as const;

/** The folder the secret files go in (other test files may go there too). */
export const SECRET_DIR = Deno.makeTempDirSync({
  prefix: "keymint-webhook-test-",
});
globalThis.addEventListener("unload", () => {
  Deno.removeSync(SECRET_DIR, { recursive: true });
});

/** Writes `content` to a new file in the test folder and returns its path. */
export async function secretFile(content: string): Promise<string> {
  const path = await Deno.makeTempFile({ dir: SECRET_DIR });
  await Deno.writeTextFile(path, content);
  return path;
}
