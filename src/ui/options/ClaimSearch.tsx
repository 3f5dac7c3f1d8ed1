import { useState } from 'preact/hooks';
import { claimViews } from '../../db/claim-views';
import { database } from '../../db/crosscheck-database';
import { searchClaims } from '../../db/search-claims';
import { ClaimDetails } from '../ClaimDetails';
import { useLiveQuery } from '../use-live-query';
import { downloadClaimReview } from './export-actions';
import { VerdictBadge } from '../VerdictBadge';

const LIMIT = 50;

export function ClaimSearch() {
  const [query, setQuery] = useState('');
  const results = useLiveQuery(async () => {
    const db = database();
    const found = await searchClaims(db, query, LIMIT);
    return claimViews(db, found.map((c) => c.key));
  }, [query]);

  return (
    <section aria-labelledby="claims-title">
      <h2 id="claims-title">Claims</h2>
      <input
        type="search"
        class="claim-query"
        placeholder="Search statements, phrasings, tags, verdicts"
        aria-label="Search claims"
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      {results === undefined ? null : (
        <p class="muted" role="status">
          {results.length === 0 ? 'No claims found.' : `${results.length}${results.length === LIMIT ? '+' : ''} claims`}
        </p>
      )}
      <ul class="claim-results">
        {results?.map((claim) => (
          <li key={claim.key} data-claim={claim.key}>
            <details>
              <summary>
                <VerdictBadge verdict={claim.verdict} rating={claim.rating} /> {claim.statement}
              </summary>
              <ClaimDetails claim={claim} headingLevel={3} />
              <button type="button" class="export-claimreview" onClick={() => void downloadClaimReview(claim.key)}>
                Export as ClaimReview
              </button>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
