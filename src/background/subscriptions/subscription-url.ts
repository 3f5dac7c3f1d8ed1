export type UrlCheck = { ok: true; url: string } | { ok: false; error: string };

/**
 * The address a subscription is stored under: an absolute http(s) URL without its fragment (the
 * server never sees it) and without credentials (they would be stored in the clear).
 */
export function normalizeSubscriptionUrl(input: string, use: 'subscribed to' | 'imported' = 'subscribed to'): UrlCheck {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: 'Enter the full address of a pack, starting with https:// (or http://).' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, error: `Only http and https addresses can be ${use}, not ${url.protocol} addresses.` };
  if (url.username || url.password)
    return { ok: false, error: `Addresses with a user name or password cannot be ${use}: they would be stored in the clear.` };
  url.hash = '';
  return { ok: true, url: url.href };
}

/** Where a pack's detached signature is published: next to it, its path ending in ".sig". */
export function signatureUrl(packUrl: string): string {
  const url = new URL(packUrl);
  url.pathname += '.sig';
  return url.href;
}

/**
 * A pack id for a ClaimReview source, unique to its URL: ClaimReview imports are otherwise named
 * after their publisher, so two pages of one fact-checker would overwrite each other's claims.
 */
export async function claimReviewPackId(url: string): Promise<string> {
  const parsed = new URL(url);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(url)));
  const hash = Array.from(digest.slice(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const slug = `${parsed.host}${parsed.pathname}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90)
    .replace(/-+$/, '');
  return `claimreview-${slug || 'page'}-${hash}`;
}
