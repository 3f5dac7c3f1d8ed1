import type { PackRecord } from '../../db/records';

/** What the publisher withdrew in this version, so readers learn a claim was retracted. */
export function PackRemovals({ removals }: { removals: PackRecord['removals'] }) {
  if (removals.length === 0) return null;
  return (
    <details class="pack-removals">
      <summary>
        {removals.length} claim{removals.length === 1 ? '' : 's'} withdrawn by the publisher
      </summary>
      <ul>
        {removals.map((removal) => (
          <li key={removal.id}>
            <span class="removed-claim">{removal.statement ?? removal.id}</span>
            {removal.removed ? <span class="muted"> · {removal.removed}</span> : null}
            {removal.reason ? <span> · {removal.reason}</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
