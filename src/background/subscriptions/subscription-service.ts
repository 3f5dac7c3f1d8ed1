import { benchNow, recordBenchTime } from '../../bench-timings';
import type { CrosscheckDatabase } from '../../db/crosscheck-database';
import { installPack, type InstallResult } from '../../db/install-pack';
import type { SubscriptionRecord } from '../../db/records';
import { removePack } from '../../db/remove-pack';
import { indexTables } from '../../db/pack-index-parts';
import type { OkReply, SyncReply } from '../../messaging/protocol';
import { importPackText } from '../../packs/import-pack-text';
import { packContentHash } from '../../packs/pack-signature';
import type { Pack } from '../../schema/pack';
import type { SubscriptionApi } from '../handle-message';
import { capErrorText } from './error-text';
import { fetchPackDocument } from './fetch-pack-document';
import { packOwner, readSubscription, readSubscriptions, subscriptionsOfPack } from './subscription-records';
import { KEPT, PINNED, shortKey, signatureChecks, SyncError, type Mode, type OwnerRefusal } from './subscription-signature';
import { claimReviewPackId, normalizeSubscriptionUrl } from './subscription-url';

export interface SubscriptionServiceOptions {
  db: CrosscheckDatabase;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  /** Packs were installed or removed: reload the matcher, re-scan open tabs. */
  onPacksChanged: () => Promise<void>;
  /** per download (the pack, then its signature); 20 s unless given */
  timeoutMs?: number;
  /** the largest pack accepted; MAX_PACK_BYTES unless given */
  maxBytes?: number;
}

export interface SyncAllSummary {
  synced: number;
  failed: number;
  results: { url: string; reply: SyncReply }[];
}

export interface SubscriptionService extends SubscriptionApi {
  subscribe(url: string): Promise<SyncReply>;
  sync(url?: string): Promise<SyncReply | OkReply>;
  /** Syncs every subscription, one after the other (the periodic alarm). */
  syncAll(): Promise<SyncAllSummary>;
}


/**
 * Subscriptions: packs followed by URL and kept in sync. Everything a sync needs (the ETag, the
 * pinned key, the installed version) is in the `subscriptions` table, never only in the service
 * worker's memory, which the browser may drop between two syncs.
 *
 * One sync: download the pack (conditionally: a 304 changes nothing) → read it with
 * importPackText (our format, or ClaimReview in any shape) → check its signature → install it
 * (installPack rewrites only the rows that changed, and refuses an older version) → record the
 * outcome on the subscription. A failed sync records `lastError` and changes nothing else: the
 * installed pack stays as it was.
 *
 * Signatures: our packs may be published with a detached signature at `<url>.sig` (same path with
 * ".sig" appended, query kept). A pack that is validly signed when the user subscribes pins that
 * public key; from then on every version must be signed by that key, or the sync is refused.
 * A `.sig` that is missing (404), or that is not a signature document at all (some hosts answer
 * every path with a web page) means "unsigned" at subscribe time; one that claims to be a
 * signature but does not verify is refused. ClaimReview data is never signed, so never pinned.
 *
 * Pack ids: subscribing takes over a pack of the same id that the user imported by hand. A pack
 * another subscription follows is not taken over silently: if that subscription pinned a key, the
 * new URL must serve a copy signed by that very key (a mirror of the same publisher), and then
 * replaces it; if it pinned none, subscribing is refused until the user unsubscribes from it. So
 * a pinned key can never be sidestepped by subscribing to an unsigned copy elsewhere. After that a
 * sync must keep the id: a server that starts serving another pack id is refused, so a
 * subscription can never overwrite some other pack. ClaimReview sources get an id derived from
 * their URL (see claimReviewPackId), and a version that goes up by one whenever their claims or
 * sources change.
 *
 * Writes after a download never put back a record read before it: they update the row (which does
 * nothing if the subscription was removed meanwhile) or re-read it in the writing transaction.
 * Rows are read through SubscriptionRecordSchema (subscription-records.ts); errors are capped
 * (error-text.ts) before they are stored or returned.
 *
 * Operations on one URL (subscribe, sync, unsubscribe) run one after the other.
 */
export function createSubscriptionService(options: SubscriptionServiceOptions): SubscriptionService {
  const { db, onPacksChanged } = options;
  const now = options.now ?? Date.now;
  const download = (url: string, extra: { etag?: string; lastModified?: string; maxBytes?: number } = {}) =>
    fetchPackDocument(url, {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...extra,
    });

  const queues = new Map<string, Promise<unknown>>();
  /** Runs `task` after every earlier task on the same URL. */
  function serialised<T>(url: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(url) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(task);
    queues.set(url, next);
    const cleanup = () => {
      if (queues.get(url) === next) queues.delete(url);
    };
    next.then(cleanup, cleanup);
    return next;
  }

  async function notifyPacksChanged(): Promise<void> {
    try {
      await onPacksChanged();
    } catch (error) {
      console.warn('Crosscheck: could not tell open pages about the new pack', error);
    }
  }

  const { checkSignature } = signatureChecks(download);

  /**
   * Why subscribing to `url` may not install `packId`: another subscription follows it. With a
   * pinned key the refusal stands unless the copy is signed by that key (`pinnedKey` set).
   */
  async function ownerRefusal(url: string, packId: string, packName: string): Promise<OwnerRefusal | undefined> {
    const owner = await packOwner(db, packId, url);
    if (!owner) return undefined;
    const name = `“${(await db.packs.get(packId))?.name ?? packName}”`;
    if (owner.pinnedKey)
      return {
        owner,
        pinnedKey: owner.pinnedKey,
        message: `${name} is followed from ${owner.url} and signed by key ${shortKey(owner.pinnedKey)}; this copy is not signed by that key.`,
      };
    return {
      owner,
      message: `${name} is already followed from ${owner.url}. To follow it from ${url} instead, unsubscribe from ${owner.url} first.`,
    };
  }

  async function syncOnce(url: string, mode: Mode): Promise<SyncReply> {
    const attempt = now();
    const sub = await readSubscription(db, url);
    if (mode === 'sync' && !sub) {
      const damaged = (await db.subscriptions.get(url)) !== undefined;
      return {
        ok: false,
        error: capErrorText(
          damaged
            ? `The stored subscription to ${url} is damaged; unsubscribe from it and subscribe again.`
            : `There is no subscription to ${url}.`,
        ),
      };
    }
    // Subscribing to a URL already followed is a sync of it, pinned key and all.
    if (sub) mode = 'sync';

    const fail = async (message: string): Promise<SyncReply> => {
      const error = capErrorText(message);
      if (mode === 'sync')
        await db.subscriptions
          .update(url, { lastAttempt: attempt, lastError: error })
          .catch((dbError: unknown) => console.error('Crosscheck: could not record a failed sync', dbError));
      return { ok: false, error };
    };

    try {
      // Conditional only while the installed pack is the one this subscription last put there
      // (the user may have removed it from the pack list since).
      const installed = sub?.packId ? await db.packs.get(sub.packId) : undefined;
      const conditional = !!sub && !!installed && installed.version === sub.version;
      const fetched = await download(
        url,
        conditional ? { ...(sub.etag ? { etag: sub.etag } : {}), ...(sub.lastModified ? { lastModified: sub.lastModified } : {}) } : {},
      );
      if (fetched.status === 'error') return await fail(`Could not download the pack: ${fetched.error}.`);
      if (fetched.status === 'not-modified') {
        if (!sub || !installed) return await fail('The server answered "not modified" to a request for the whole pack.');
        // Re-read both: the subscription may have been removed (or taken over) during the request,
        // and must not come back; the pack may have changed.
        const recorded = await db.transaction('rw', [db.packs, db.subscriptions], async () => {
          if ((await db.subscriptions.get(url)) === undefined) return 'gone' as const;
          const pack = await db.packs.get(installed.id);
          if (!pack || pack.version !== installed.version) return 'changed' as const;
          const updated = await db.subscriptions.update(url, {
            lastAttempt: attempt,
            lastSuccess: attempt,
            version: pack.version,
            claimCount: pack.claimCount,
            lastError: undefined,
          });
          return updated ? pack : ('gone' as const);
        });
        if (recorded === 'gone') return { ok: false, error: capErrorText(`The subscription to ${url} was removed while it synced.`) };
        if (recorded === 'changed') return await fail('The installed pack changed while it synced; sync again.');
        return { ok: true, status: 'not-modified', version: recorded.version, claimCount: recorded.claimCount };
      }

      const parseStart = benchNow();
      const imported = importPackText(fetched.text, { byteLength: fetched.byteLength, origin: url });
      recordBenchTime('crosscheck:import-parse', parseStart);
      if (!imported.ok) return await fail(imported.error);
      let pack: Pack = imported.pack;

      let pinnedKey: string | undefined;
      let contentHash: string | undefined;
      if (imported.format !== 'crosscheck-pack') {
        if (sub?.pinnedKey)
          return await fail(
            `${PINNED}; the server now offers schema.org ClaimReview data instead, which carries no signature. ${KEPT}`,
          );
        pack = { ...pack, id: await claimReviewPackId(url) };
        contentHash = await packContentHash({ sources: pack.sources, claims: pack.claims });
      }
      // A new subscription to a pack another subscription follows (a sync keeps its own pack id).
      const refusal = mode === 'subscribe' ? await ownerRefusal(url, pack.id, pack.name) : undefined;
      if (refusal && (!refusal.pinnedKey || imported.format !== 'crosscheck-pack')) return await fail(refusal.message);
      if (imported.format === 'crosscheck-pack') pinnedKey = await checkSignature(url, fetched.text, sub, mode, refusal);

      if (sub?.packId && pack.id !== sub.packId)
        return await fail(
          `The server now offers the pack "${pack.id}", not "${sub.packId}" as when you subscribed. ` +
            `To follow the new pack, unsubscribe and subscribe again. ${KEPT}`,
        );

      type Outcome = { result: InstallResult; installedVersion?: number } | { gone: true } | { refused: string };
      const outcome = await db.transaction(
        'rw',
        [db.packs, db.claimChunks, db.sources, ...indexTables(db), db.subscriptions],
        async (): Promise<Outcome> => {
          const current = await readSubscription(db, url);
          if (mode === 'sync' && !current) return { gone: true };
          // Checked again here, where it is written: another URL may have subscribed meanwhile.
          // Only copies signed by the key every other follower pinned may replace them.
          const others = mode === 'subscribe' ? (await subscriptionsOfPack(db, pack.id)).filter((o) => o.url !== url) : [];
          if (others.some((other) => !other.pinnedKey || other.pinnedKey !== pinnedKey)) {
            const again = await ownerRefusal(url, pack.id, pack.name);
            return { refused: again?.message ?? `Another subscription follows the pack "${pack.id}".` };
          }
          const existing = await db.packs.get(pack.id);
          if (contentHash !== undefined) {
            // ClaimReview has no versions: a new one whenever the claims or sources change.
            const same = existing && current?.packId === pack.id && current.contentHash === contentHash;
            pack = { ...pack, version: existing ? (same ? existing.version : existing.version + 1) : 1 };
          }
          const result = await installPack(db, pack, { now: attempt });
          if (result.status === 'refused') return { result, ...(existing ? { installedVersion: existing.version } : {}) };
          // A copy signed by the pinned key of the subscription that followed it: this URL replaces it.
          if (others.length) await db.subscriptions.bulkDelete(others.map((other) => other.url));
          const base = current ?? { url, addedAt: attempt };
          const { lastError: _, etag: _e, lastModified: _l, contentHash: _c, pinnedKey: _p, ...kept } = base;
          const keyToKeep = pinnedKey ?? base.pinnedKey;
          const next: SubscriptionRecord = {
            ...kept,
            packId: pack.id,
            lastAttempt: attempt,
            lastSuccess: attempt,
            version: result.pack.version,
            claimCount: result.pack.claimCount,
            ...(keyToKeep ? { pinnedKey: keyToKeep } : {}),
            ...(fetched.etag ? { etag: fetched.etag } : {}),
            ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
            ...(contentHash ? { contentHash } : {}),
          };
          await db.subscriptions.put(next);
          return { result };
        },
      );
      if ('gone' in outcome) return { ok: false, error: capErrorText(`The subscription to ${url} was removed while it synced.`) };
      if ('refused' in outcome) return await fail(outcome.refused);
      const { result } = outcome;
      if (result.status === 'refused')
        return await fail(
          `The server offers version ${pack.version}, older than the installed version ${outcome.installedVersion ?? '?'}. ${KEPT}`,
        );
      if (result.status === 'installed') await notifyPacksChanged();
      return { ok: true, status: result.status, version: result.pack.version, claimCount: result.pack.claimCount };
    } catch (error) {
      if (error instanceof SyncError) return await fail(error.message);
      console.error('Crosscheck: a subscription sync failed', error);
      return await fail(`Crosscheck could not sync this pack: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  async function subscribe(input: string): Promise<SyncReply> {
    const checked = normalizeSubscriptionUrl(input);
    if (!checked.ok) return { ok: false, error: checked.error };
    return serialised(checked.url, () => syncOnce(checked.url, 'subscribe'));
  }

  /** The stored URL for what the page sent: as given, or normalised. */
  async function storedUrl(input: string): Promise<string | undefined> {
    if (await db.subscriptions.get(input)) return input;
    const checked = normalizeSubscriptionUrl(input);
    if (checked.ok && (await db.subscriptions.get(checked.url))) return checked.url;
    return undefined;
  }

  async function unsubscribe(input: string): Promise<OkReply> {
    const url = await storedUrl(input);
    if (!url) return { ok: false, error: capErrorText(`There is no subscription to ${input}.`) };
    return serialised(url, async (): Promise<OkReply> => {
      try {
        const removed = await db.transaction(
          'rw',
          [db.packs, db.claimChunks, db.sources, ...indexTables(db), db.subscriptions],
          async () => {
            if ((await db.subscriptions.get(url)) === undefined) return false;
            // A damaged row is removed too; only a valid one names a pack to remove.
            const sub = await readSubscription(db, url);
            await db.subscriptions.delete(url);
            if (!sub?.packId) return false;
            // Another subscription cannot own the same pack (subscribing refuses, or replaces the
            // one it mirrors), but if one somehow does, the pack stays for it.
            const others = (await subscriptionsOfPack(db, sub.packId)).length;
            return others === 0 ? removePack(db, sub.packId) : false;
          },
        );
        if (removed) await notifyPacksChanged();
        return { ok: true };
      } catch (error) {
        return { ok: false, error: capErrorText(`Crosscheck could not unsubscribe: ${(error as Error)?.message ?? String(error)}`) };
      }
    });
  }

  async function syncAll(): Promise<SyncAllSummary> {
    const subscriptions = await readSubscriptions(db);
    const results: SyncAllSummary['results'] = [];
    // One after the other: a browser waking up should not open dozens of downloads at once.
    for (const { url } of subscriptions) results.push({ url, reply: await serialised(url, () => syncOnce(url, 'sync')) });
    const failed = results.filter((r) => !r.reply.ok).length;
    return { synced: results.length - failed, failed, results };
  }

  async function sync(input?: string): Promise<SyncReply | OkReply> {
    if (input !== undefined) {
      const url = await storedUrl(input);
      if (!url) return { ok: false, error: capErrorText(`There is no subscription to ${input}.`) };
      return serialised(url, () => syncOnce(url, 'sync'));
    }
    const summary = await syncAll();
    if (!summary.failed) return { ok: true };
    const first = summary.results.find((r) => !r.reply.ok)!;
    return {
      ok: false,
      error: capErrorText(
        `${summary.failed} of ${summary.results.length} subscriptions could not be synced. ${first.url}: ${
          first.reply.ok ? '' : first.reply.error
        }`,
      ),
    };
  }

  return { subscribe, unsubscribe, sync, syncAll };
}
