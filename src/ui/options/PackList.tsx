import { useState } from 'preact/hooks';
import { capErrorText } from '../../background/subscriptions/error-text';
import { database } from '../../db/crosscheck-database';
import { dismissDemoPack } from '../../db/demo-pack-dismissal';
import { SubscriptionRecordSchema, validRows, type PackRecord } from '../../db/records';
import { removePack } from '../../db/remove-pack';
import { askBackground } from '../../messaging/ui-client';
import { useLiveQuery } from '../use-live-query';
import { downloadPack } from './export-actions';
import { PackRemovals } from './PackRemovals';

export function PackList() {
  const packs = useLiveQuery(() => database().packs.toArray(), []);
  const subscribed = useLiveQuery(
    async () =>
      new Map(
        validRows(SubscriptionRecordSchema, await database().subscriptions.toArray(), 'subscription').flatMap((s) =>
          s.packId ? [[s.packId, s.url] as const] : [],
        ),
      ),
    [],
  );
  const [error, setError] = useState<{ packId: string; message: string } | null>(null);

  const remove = async (pack: PackRecord) => {
    setError(null);
    // A subscribed pack would come back at the next sync: removing it ends the subscription, which
    // removes the pack. If unsubscribing fails, everything stays as it was and the error shows.
    const url = subscribed?.get(pack.id);
    try {
      if (url) {
        if (!confirm(`Remove “${pack.name}” and its ${pack.claimCount} claims, and stop following ${url}?`)) return;
        const reply = await askBackground({ type: 'ui/unsubscribe', url });
        if (!reply.ok)
          setError({ packId: pack.id, message: capErrorText(`“${pack.name}” was not removed: ${reply.error}`) });
        return;
      }
      if (!confirm(`Remove “${pack.name}” and its ${pack.claimCount} claims?`)) return;
      await removePack(database(), pack.id);
      if (pack.builtIn) await dismissDemoPack();
      await askBackground({ type: 'ui/packs-changed' });
    } catch (failure) {
      setError({
        packId: pack.id,
        message: capErrorText(`“${pack.name}” could not be removed: ${(failure as Error)?.message ?? String(failure)}`),
      });
    }
  };

  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">Installed packs</h2>
      {error ? (
        <p class="pack-error" role="alert" data-error-for={error.packId}>
          {error.message}
        </p>
      ) : null}
      {packs === undefined ? (
        <p aria-busy="true">Loading…</p>
      ) : packs.length === 0 ? (
        <p>No packs installed.</p>
      ) : (
        <table class="packs">
          <thead>
            <tr>
              <th scope="col">Pack</th>
              <th scope="col">Publisher</th>
              <th scope="col">Version</th>
              <th scope="col">Claims</th>
              <th scope="col">License</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {packs.map((pack) => (
              <tr key={pack.id} data-pack={pack.id}>
                <td>
                  {pack.name}
                  {pack.builtIn ? <span class="tag">built in</span> : null}
                  {subscribed?.has(pack.id) ? (
                    <span class="tag" title={subscribed.get(pack.id)}>subscribed</span>
                  ) : null}
                  <PackRemovals removals={pack.removals} />
                </td>
                <td>{pack.publisher}</td>
                <td>{pack.version} <span class="muted">({pack.published})</span></td>
                <td class="claim-count">{pack.claimCount}</td>
                <td>{pack.license}</td>
                <td>
                  <button type="button" onClick={() => void downloadPack(pack.id)}>Export</button>{' '}
                  <button type="button" onClick={() => void remove(pack)}>Remove</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
