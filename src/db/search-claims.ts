import type { CrosscheckDatabase } from './crosscheck-database';
import { eachClaim } from './claim-chunks';
import type { ClaimRecord } from './records';

/**
 * Claims whose statement, phrasings or tags contain every word of the query (case-insensitive),
 * at most `limit`. An empty query lists the first claims. Scans with an early stop: fine for the
 * options page, not meant for page matching (that is the index's job).
 */
export async function searchClaims(db: CrosscheckDatabase, query: string, limit = 50): Promise<ClaimRecord[]> {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found: ClaimRecord[] = [];
  await eachClaim(db, (claim) => {
    const haystack = terms.length ? [claim.statement, ...claim.phrasings, ...claim.tags, claim.verdict].join(' ').toLowerCase() : '';
    if (terms.every((term) => haystack.includes(term))) found.push(claim);
    return found.length < limit;
  });
  return found;
}
