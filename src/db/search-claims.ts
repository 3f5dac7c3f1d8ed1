import type { CrosscheckDatabase } from './crosscheck-database';
import type { ClaimRecord } from './records';

/**
 * Claims whose statement, phrasings or tags contain every word of the query (case-insensitive),
 * at most `limit`. An empty query lists the first claims. Scans with an early stop: fine for the
 * options page, not meant for page matching (that is the index's job).
 */
export async function searchClaims(db: CrosscheckDatabase, query: string, limit = 50): Promise<ClaimRecord[]> {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return db.claims.limit(limit).toArray();
  return db.claims
    .filter((claim) => {
      const haystack = [claim.statement, ...claim.phrasings, ...claim.tags, claim.verdict].join(' ').toLowerCase();
      return terms.every((term) => haystack.includes(term));
    })
    .limit(limit)
    .toArray();
}
