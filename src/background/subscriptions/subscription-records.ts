import type { CrosscheckDatabase } from '../../db/crosscheck-database';
import { SubscriptionRecordSchema, type SubscriptionRecord } from '../../db/records';

/**
 * Reading the `subscriptions` table. Every row is checked with SubscriptionRecordSchema, like any
 * other stored data: a row written by an older build, or damaged, is logged and left out rather
 * than trusted (its URL, pinned key or pack id would otherwise steer a download or an install).
 */
function checked(row: unknown): SubscriptionRecord | undefined {
  if (row === undefined) return undefined;
  const parsed = SubscriptionRecordSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  console.warn('Crosscheck: ignoring a stored subscription that does not fit its schema', parsed.error.issues[0]);
  return undefined;
}

/** The subscription stored under `url`, if there is a valid one. */
export async function readSubscription(db: CrosscheckDatabase, url: string): Promise<SubscriptionRecord | undefined> {
  return checked(await db.subscriptions.get(url));
}

/** Every valid subscription. */
export async function readSubscriptions(db: CrosscheckDatabase): Promise<SubscriptionRecord[]> {
  return (await db.subscriptions.toArray()).flatMap((row) => checked(row) ?? []);
}

/** Every valid subscription that installed the pack `packId`. */
export async function subscriptionsOfPack(db: CrosscheckDatabase, packId: string): Promise<SubscriptionRecord[]> {
  return (await db.subscriptions.where('packId').equals(packId).toArray()).flatMap((row) => checked(row) ?? []);
}

/**
 * The subscription that follows the pack `packId`, if one does (`except`: leave out the one
 * stored under that URL). Whatever would replace a subscribed pack — another subscription, a
 * file import — asks this first: the next sync would overwrite it, and a pinned key must not be
 * sidestepped by installing another copy of the pack.
 */
export async function packOwner(
  db: CrosscheckDatabase,
  packId: string,
  except?: string,
): Promise<SubscriptionRecord | undefined> {
  const owners = (await subscriptionsOfPack(db, packId)).filter((sub) => sub.url !== except);
  // A pinned owner first: it is the one whose key must be honoured.
  return owners.find((sub) => sub.pinnedKey) ?? owners[0];
}
