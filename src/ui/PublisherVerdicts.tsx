import type { ClaimView } from '../messaging/claim-view';
import { VerdictBadge } from './VerdictBadge';

/** One line per pack that checked the same claim: who rated it, and how. */
export function PublisherVerdicts({ claims }: { claims: readonly ClaimView[] }) {
  if (claims.length < 2) return null;
  return (
    <ul class="cc-publisher-verdicts" aria-label="Verdicts by publisher">
      {claims.map((claim) => (
        <li key={claim.key}>
          <VerdictBadge verdict={claim.verdict} rating={claim.rating} /> <span>{claim.pack.publisher}</span>
        </li>
      ))}
    </ul>
  );
}
