import type { SubscriptionRecord } from '../../db/records';
import { PACK_SIGNATURE_FORMAT, verifyPackSignature } from '../../packs/pack-signature';
import type { fetchPackDocument } from './fetch-pack-document';
import { signatureUrl } from './subscription-url';

/**
 * The signature side of a sync: fetching `<url>.sig` and deciding, from the subscription's pinned
 * key, whether a downloaded pack may be installed (subscription-service.ts has the rules).
 */

/** A signature file is small; anything bigger is not one. */
const MAX_SIGNATURE_BYTES = 64 * 1024;
export const PINNED = 'This pack was signed when you subscribed';
export const KEPT = 'The installed pack was kept.';

export const shortKey = (key: string): string => key.slice(0, 8);

/** A sync that must stop, with the sentence to record and show. */
export class SyncError extends Error {}

/** Why a new subscription may not install a pack that another subscription follows. */
export interface OwnerRefusal {
  owner: SubscriptionRecord;
  message: string;
  /** set when the owner pinned a key: a copy signed by it may still replace the owner */
  pinnedKey?: string;
}

export type Mode = 'subscribe' | 'sync';

type Download = (url: string, extra?: { maxBytes?: number }) => ReturnType<typeof fetchPackDocument>;

export function signatureChecks(download: Download) {
/** The signature at `<url>.sig`: undefined when unsigned, the parsed document otherwise. */
async function fetchSignature(url: string, pinned: boolean): Promise<unknown> {
  const sigUrl = signatureUrl(url);
  const fetched = await download(sigUrl, { maxBytes: MAX_SIGNATURE_BYTES });
  if (fetched.status === 'error') {
    if (fetched.httpStatus === 404) return undefined;
    throw new SyncError(`Could not download the pack's signature (${sigUrl}): ${fetched.error}.`);
  }
  if (fetched.status === 'not-modified') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(fetched.text);
  } catch {
    json = undefined;
  }
  const looksLikeSignature =
    typeof json === 'object' && json !== null && (json as { format?: unknown }).format === PACK_SIGNATURE_FORMAT;
  // At subscribe time a .sig that is no signature at all (a host's catch-all page) means unsigned;
  // once a key is pinned, anything but a valid signature is refused.
  if (!looksLikeSignature && !pinned) return undefined;
  return json ?? fetched.text;
}

/**
 * Checks the signature of a pack in our format; returns the key to pin (or keep pinned), or
 * undefined for an unsigned pack on a subscription without a pinned key.
 */
async function checkSignature(
  url: string,
  text: string,
  sub: SubscriptionRecord | undefined,
  mode: Mode,
  ownerRefusal: OwnerRefusal | undefined,
): Promise<string | undefined> {
  if (ownerRefusal) {
    // Another subscription follows this pack with a pinned key: only a copy signed by that key.
    const signature = await fetchSignature(url, true).catch(() => undefined);
    const verified = signature === undefined ? undefined : await verifyPackSignature(JSON.parse(text), signature);
    if (!verified?.ok || verified.publicKey !== ownerRefusal.pinnedKey) throw new SyncError(ownerRefusal.message);
    return verified.publicKey;
  }
  const pinnedKey = sub?.pinnedKey;
  // An unpinned subscription stays unpinned: only subscribing pins a key.
  if (!pinnedKey && mode === 'sync') return undefined;
  const signature = await fetchSignature(url, !!pinnedKey);
  if (signature === undefined) {
    if (pinnedKey)
      throw new SyncError(`${PINNED}; the server now offers it without a signature (${signatureUrl(url)} is missing). ${KEPT}`);
    return undefined;
  }
  const verified = await verifyPackSignature(JSON.parse(text), signature);
  if (!verified.ok) {
    if (pinnedKey) throw new SyncError(`${PINNED}; its signature does not check out: ${verified.error} ${KEPT}`);
    throw new SyncError(`The pack's signature does not check out, so it was not installed: ${verified.error}`);
  }
  if (pinnedKey && verified.publicKey !== pinnedKey)
    throw new SyncError(
      `${PINNED}; this version is signed by a different key (${shortKey(verified.publicKey)}…, ` +
        `not ${shortKey(pinnedKey)}…). The publisher may have changed keys, or someone else signed it. ${KEPT}`,
    );
  return verified.publicKey;
}

  return { fetchSignature, checkSignature };
}
