import type { CrosscheckDatabase } from './crosscheck-database';
import { eachClaim } from './claim-chunks';
import type { ClaimRecord } from './records';

/** The text a query's words are looked for in, from a stored claim that may not fit its schema. */
function haystack(stored: unknown): string {
  const claim = (stored ?? {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return [String(claim.statement ?? ''), ...list(claim.phrasings), ...list(claim.tags), String(claim.verdict ?? '')].join(' ').toLowerCase();
}

/**
 * Claims whose statement, phrasings or tags contain every word of the query (case-insensitive),
 * at most `limit`. An empty query lists the first claims. Scans with an early stop: fine for the
 * options page, not meant for page matching (that is the index's job). Only the claims that
 * contain the words are checked against their schema.
 */
export async function searchClaims(db: CrosscheckDatabase, query: string, limit = 50): Promise<ClaimRecord[]> {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found: ClaimRecord[] = [];
  await eachClaim(
    db,
    (claim) => {
      found.push(claim);
      return found.length < limit;
    },
    (stored) => {
      if (terms.length === 0) return true;
      const text = haystack(stored);
      return terms.every((term) => text.includes(term));
    },
  );
  return found;
}
