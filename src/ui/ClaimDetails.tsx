import type { ClaimView } from '../messaging/claim-view';
import { EvidenceList } from './EvidenceList';
import { VerdictBadge } from './VerdictBadge';

/** One claim: verdict, statement, summary and sources. Shared by the page card and the popup. */
export function ClaimDetails({ claim, headingLevel = 2 }: { claim: ClaimView; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="cc-claim" data-claim={claim.key} data-verdict={claim.verdict}>
      <VerdictBadge verdict={claim.verdict} rating={claim.rating} />
      <Heading class="cc-statement">{claim.statement}</Heading>
      {claim.summary ? <p class="cc-summary">{claim.summary}</p> : null}
      <EvidenceList evidence={claim.evidence} />
      <p class="cc-pack">From “{claim.pack.name}”</p>
    </article>
  );
}
