/** Quotes a user-supplied option value for an error message, cut to 40 characters. */
export function quote(value: unknown): string {
  const text = String(value);
  const cut = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return JSON.stringify(cut);
}
