/** The most of an error text stored on a subscription or shown for one. */
export const MAX_ERROR_CHARS = 1_000;

/**
 * An error text cut to `max` characters, ending in "…" when it was cut. Messages quote what a
 * server sent (a status text, a content type, one line per broken JSON-LD block of a page), so a
 * hostile server could otherwise make them megabytes long, stored and shown on every sync.
 */
export function capErrorText(text: string, max = MAX_ERROR_CHARS): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never cut a surrogate pair in half.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
