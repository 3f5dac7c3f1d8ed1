import { useEffect, useState } from 'preact/hooks';
import { claimViews } from '../../db/claim-views';
import { database } from '../../db/crosscheck-database';
import { searchClaims } from '../../db/search-claims';
import type { ClaimView } from '../../messaging/claim-view';
import { ClaimDetails } from '../ClaimDetails';
import { VerdictBadge } from '../VerdictBadge';

const LIMIT = 50;

export function ClaimSearch({ revision }: { revision: number }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ClaimView[] | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const db = database();
      const found = await searchClaims(db, query, LIMIT);
      const views = await claimViews(db, found.map((c) => c.key));
      if (current) setResults(views);
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, revision]);

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
      {results === null ? null : (
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
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
