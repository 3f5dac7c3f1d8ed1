import { AnnotationWorkspace } from './AnnotationWorkspace';
import { ClaimSearch } from './ClaimSearch';
import { PackImport } from './PackImport';
import { PackList } from './PackList';
import { Subscriptions } from './Subscriptions';

/** Settings: installed packs, packs followed by URL, importing a pack file, and every claim, searchable. Sections follow
 * the database live, so nothing needs refreshing after an import or removal. */
export function OptionsApp() {
  return (
    <main class="options">
      <h1>Crosscheck</h1>
      <p class="intro">
        Claims and sources live only in this browser. Nothing you read is sent anywhere.
      </p>
      <PackList />
      <Subscriptions />
      <PackImport />
      <ClaimSearch />
      <AnnotationWorkspace />
    </main>
  );
}
