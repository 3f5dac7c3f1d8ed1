import { PackList } from './PackList';
import { ClaimSearch } from './ClaimSearch';
import { PackImport } from './PackImport';
import { useState } from 'preact/hooks';

/** Settings: installed packs, importing a pack file, and every claim, searchable. */
export function OptionsApp() {
  // Bumped after an import or removal so every section reloads from the database.
  const [revision, setRevision] = useState(0);
  const changed = () => setRevision((r) => r + 1);
  return (
    <main class="options">
      <h1>Crosscheck</h1>
      <p class="intro">
        Claims and sources live only in this browser. Nothing you read is sent anywhere.
      </p>
      <PackList revision={revision} onChange={changed} />
      <PackImport onInstalled={changed} />
      <ClaimSearch revision={revision} />
    </main>
  );
}
