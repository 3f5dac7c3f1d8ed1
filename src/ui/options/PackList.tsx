import { database } from '../../db/crosscheck-database';
import { dismissDemoPack } from '../../db/demo-pack-dismissal';
import type { PackRecord } from '../../db/records';
import { removePack } from '../../db/remove-pack';
import { askBackground } from '../../messaging/ui-client';
import { useLiveQuery } from '../use-live-query';
import { downloadPack } from './export-actions';

export function PackList() {
  const packs = useLiveQuery(() => database().packs.toArray(), []);
  const subscribed = useLiveQuery(
    async () => new Map((await database().subscriptions.toArray()).flatMap((s) => (s.packId ? [[s.packId, s.url]] : []))),
    [],
  );

  const remove = async (pack: PackRecord) => {
    // A subscribed pack would come back at the next sync: removing it ends the subscription too.
    const url = subscribed?.get(pack.id);
    if (url) {
      if (!confirm(`Remove “${pack.name}” and its ${pack.claimCount} claims, and stop following ${url}?`)) return;
      const reply = await askBackground({ type: 'ui/unsubscribe', url });
      if (reply.ok) return;
      console.warn('Crosscheck: unsubscribing failed', reply.error);
    }
    if (!url && !confirm(`Remove “${pack.name}” and its ${pack.claimCount} claims?`)) return;
    await removePack(database(), pack.id);
    if (pack.builtIn) await dismissDemoPack();
    await askBackground({ type: 'ui/packs-changed' });
  };

  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">Installed packs</h2>
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
