import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { capErrorText } from '../../background/subscriptions/error-text';
import { normalizeSubscriptionUrl } from '../../background/subscriptions/subscription-url';
import {
  DEFAULT_SYNC_PERIOD_MINUTES,
  readSyncPeriod,
  SYNC_PERIOD_CHOICES,
  writeSyncPeriod,
  type SyncPeriodMinutes,
} from '../../background/subscriptions/sync-settings';
import { database } from '../../db/crosscheck-database';
import { SubscriptionRecordSchema, validRows, type PackRecord, type SubscriptionRecord } from '../../db/records';
import { askBackground } from '../../messaging/ui-client';
import { safeHttpUrl } from '../safe-link';
import { useLiveQuery } from '../use-live-query';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago". */
export function relativeTime(then: number, now: number): string {
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** Re-renders every 30 s, so "5 min ago" stays true while the page is open. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const errorMessage = (error: unknown) => (error as Error)?.message ?? String(error);

/** The subscriptions stored, each checked against its schema (a damaged row is logged and left out). */
export const readSubscriptionRows = async (): Promise<SubscriptionRecord[]> =>
  validRows(SubscriptionRecordSchema, await database().subscriptions.toArray(), 'subscription');

/** How often subscriptions are synced: stored in storage.local, read by the background's alarm. */
function SyncPeriod() {
  const [period, setPeriod] = useState<SyncPeriodMinutes | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    readSyncPeriod(browser.storage.local).then(
      (minutes) => live && setPeriod(minutes),
      (failure: unknown) => live && (setPeriod(DEFAULT_SYNC_PERIOD_MINUTES), setError(errorMessage(failure))),
    );
    return () => void (live = false);
  }, []);

  const choose = async (value: string) => {
    const minutes = Number(value);
    const previous = period;
    setPeriod(minutes as SyncPeriodMinutes);
    setError(null);
    try {
      await writeSyncPeriod(browser.storage.local, minutes);
    } catch (failure) {
      setPeriod(previous);
      setError(`The sync schedule could not be saved: ${errorMessage(failure)}`);
    }
  };

  return (
    <p class="sync-period">
      <label>
        Check for new versions{' '}
        <select
          class="sync-period-select"
          value={String(period ?? DEFAULT_SYNC_PERIOD_MINUTES)}
          disabled={period === null}
          onChange={(event) => void choose(event.currentTarget.value)}
        >
          {SYNC_PERIOD_CHOICES.map((choice) => (
            <option key={choice.minutes} value={String(choice.minutes)}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      {error ? <span class="sync-period-error" role="alert"> {capErrorText(error)}</span> : null}
    </p>
  );
}

/**
 * Packs followed by URL: subscribe, see each one's state (version, claims, last sync, the key
 * it is signed with, the last error), sync now, unsubscribe. The background does the work; this
 * list follows the database live, so a sync by the periodic alarm shows up here by itself.
 */
export function Subscriptions() {
  const [url, setUrl] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const subscriptions = useLiveQuery(readSubscriptionRows, []);
  const packs = useLiveQuery(async () => new Map((await database().packs.toArray()).map((p) => [p.id, p])), []);

  const subscribe = async (event: Event) => {
    event.preventDefault();
    if (status.kind === 'busy') return;
    setStatus({ kind: 'busy' });
    try {
      // What was followed before: a signed mirror of a pack replaces the subscription it mirrors.
      const before = await readSubscriptionRows();
      const reply = await askBackground({ type: 'ui/subscribe', url });
      if (!reply.ok) return setStatus({ kind: 'error', message: capErrorText(reply.error) });
      const checked = normalizeSubscriptionUrl(url);
      const db = database();
      const sub = checked.ok ? (await readSubscriptionRows()).find((row) => row.url === checked.url) : undefined;
      const pack = sub?.packId ? await db.packs.get(sub.packId) : undefined;
      const name = pack ? `“${pack.name}”` : 'the pack';
      const replaced = sub?.packId ? before.filter((row) => row.packId === sub.packId && row.url !== sub.url) : [];
      setStatus({
        kind: 'done',
        message: capErrorText(
          `Subscribed to ${name}, version ${reply.version}: ${reply.claimCount} claims${
            sub?.pinnedKey ? `, signed by ${sub.pinnedKey.slice(0, 8)}` : ''
          }.${replaced.length ? ` It replaces the subscription to ${replaced.map((row) => row.url).join(', ')}.` : ''}`,
        ),
      });
      setUrl('');
    } catch (error) {
      setStatus({ kind: 'error', message: capErrorText(`Subscribing failed: ${errorMessage(error)}`) });
    }
  };

  return (
    <section aria-labelledby="subscriptions-title">
      <h2 id="subscriptions-title">Subscriptions</h2>
      <p class="muted">
        Follow a pack by its address: Crosscheck checks it for a new version on the schedule below. A pack that
        was signed when you subscribed must stay signed by the same key.
      </p>
      <SyncPeriod />
      <form class="subscribe-form" onSubmit={(event) => void subscribe(event)} noValidate>
        <input
          type="url"
          class="subscribe-url"
          placeholder="https://example.org/packs/pack.json"
          aria-label="Pack address"
          value={url}
          onInput={(event) => setUrl(event.currentTarget.value)}
          disabled={status.kind === 'busy'}
        />
        <button type="submit" disabled={status.kind === 'busy' || !url.trim()}>
          {status.kind === 'busy' ? 'Subscribing…' : 'Subscribe'}
        </button>
      </form>
      {status.kind === 'error' ? (
        <pre class="subscribe-status error" role="alert">{status.message}</pre>
      ) : status.kind === 'done' ? (
        <p class="subscribe-status ok" role="status">{status.message}</p>
      ) : null}
      {subscriptions === undefined ? null : subscriptions.length === 0 ? (
        <p class="muted">No subscriptions.</p>
      ) : (
        <ul class="subscriptions">
          {subscriptions.map((sub) => (
            <SubscriptionItem key={sub.url} sub={sub} pack={sub.packId ? packs?.get(sub.packId) : undefined} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SubscriptionItem({ sub, pack }: { sub: SubscriptionRecord; pack: PackRecord | undefined }) {
  const now = useNow();
  const [busy, setBusy] = useState<'sync' | 'unsubscribe' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const link = safeHttpUrl(sub.url);

  const syncNow = async () => {
    setBusy('sync');
    setNote(null);
    try {
      const reply = await askBackground({ type: 'ui/sync-now', url: sub.url });
      // A failure is stored as the subscription's lastError and shows below; say only what else happened.
      if (reply.ok) {
        const synced = reply as { status?: string; version?: number };
        setNote(synced.status === 'installed' ? `Installed version ${synced.version}.` : 'Up to date.');
      }
      else if (!(await readSubscriptionRows()).find((row) => row.url === sub.url)?.lastError) setNote(capErrorText(reply.error));
    } catch (error) {
      setNote(capErrorText(`Syncing failed: ${errorMessage(error)}`));
    } finally {
      setBusy(null);
    }
  };

  const unsubscribe = async () => {
    const what = pack ? `“${pack.name}” and its ${pack.claimCount} claims will be removed.` : '';
    if (!confirm(`Unsubscribe from ${sub.url}? ${what}`.trim())) return;
    setBusy('unsubscribe');
    try {
      const reply = await askBackground({ type: 'ui/unsubscribe', url: sub.url });
      if (!reply.ok) setNote(capErrorText(reply.error));
    } catch (error) {
      setNote(capErrorText(`Unsubscribing failed: ${errorMessage(error)}`));
    } finally {
      setBusy(null);
    }
  };

  return (
    <li class="subscription" data-url={sub.url} data-pack={sub.packId}>
      <div class="subscription-url">
        {link ? (
          <a href={link} target="_blank" rel="noopener noreferrer">{sub.url}</a>
        ) : (
          sub.url
        )}
      </div>
      <div class="subscription-pack">
        <span class="subscription-name">{pack?.name ?? sub.packId ?? 'Not installed'}</span>
        {sub.version !== undefined ? <span class="subscription-version"> · version {sub.version}</span> : null}
        {sub.claimCount !== undefined ? <span class="subscription-claims"> · {sub.claimCount} claims</span> : null}
        {sub.pinnedKey ? (
          <span class="tag subscription-signed" title={`Ed25519 public key ${sub.pinnedKey}`}>
            signed by {sub.pinnedKey.slice(0, 8)}
          </span>
        ) : null}
      </div>
      <div class="subscription-sync muted">
        {sub.lastSuccess !== undefined ? (
          <span class="subscription-last-sync" title={new Date(sub.lastSuccess).toLocaleString()}>
            Synced {relativeTime(sub.lastSuccess, now)}
          </span>
        ) : (
          <span class="subscription-last-sync">Never synced</span>
        )}
        {sub.lastError && sub.lastAttempt !== undefined ? (
          <span title={new Date(sub.lastAttempt).toLocaleString()}>
            {' '}· last attempt {relativeTime(sub.lastAttempt, now)}
          </span>
        ) : null}
      </div>
      {sub.lastError ? (
        <pre class="subscription-error" role="alert">{capErrorText(sub.lastError)}</pre>
      ) : null}
      {note ? <p class="subscription-note" aria-live="polite">{note}</p> : null}
      <div class="subscription-actions">
        <button type="button" disabled={busy !== null} onClick={() => void syncNow()}>
          {busy === 'sync' ? 'Syncing…' : 'Sync now'}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void unsubscribe()}>
          Unsubscribe
        </button>
      </div>
    </li>
  );
}
