import { describe, expect, it } from 'vitest';
import { deduplicateImports } from '../../../src/annotations/deduplicate-imports';

const OURS = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

describe('deduplicateImports', () => {
  it('matches drafts on the importedFrom of stored annotations', () => {
    const existing = [{ id: 'x1', importedFrom: 'https://hypothes.is/a/abc' }];
    const drafts = [{ importedFrom: 'https://hypothes.is/a/abc', n: 1 }, { importedFrom: 'https://hypothes.is/a/def', n: 2 }];
    const { fresh, duplicates } = deduplicateImports(existing, drafts);
    expect(fresh.map((d) => d.n)).toEqual([2]);
    expect(duplicates.map((d) => d.n)).toEqual([1]);
  });

  it('matches our own exported ids (urn:uuid:<id>) on the stored ids, whatever the case', () => {
    const existing = [{ id: OURS }];
    const drafts = [{ importedFrom: `urn:uuid:${OURS.toUpperCase()}` }, { importedFrom: 'urn:uuid:00000000-0000-4000-8000-000000000000' }];
    const { fresh, duplicates } = deduplicateImports(existing, drafts);
    expect(duplicates).toEqual([drafts[0]]);
    expect(fresh).toEqual([drafts[1]]);
  });

  it('matches an annotation imported, exported and imported again, on either of its IRIs', () => {
    // Stored once from Hypothesis; its export carries the Hypothesis IRI as its id.
    const existing = [{ id: OURS, importedFrom: 'https://hypothes.is/a/abc' }];
    const { fresh } = deduplicateImports(existing, [{ importedFrom: 'https://hypothes.is/a/abc' }, { importedFrom: `urn:uuid:${OURS}` }]);
    expect(fresh).toEqual([]);
  });

  it('keeps the first of two drafts with the same IRI in one file, and every draft without one', () => {
    const drafts = [{ importedFrom: 'http://example.org/a1' }, { importedFrom: 'http://example.org/a1' }, {}, {}];
    const { fresh, duplicates } = deduplicateImports([], drafts);
    expect(fresh).toEqual([drafts[0], {}, {}]);
    expect(duplicates).toEqual([drafts[1]]);
  });

  it('compares other IRIs exactly', () => {
    const { fresh } = deduplicateImports([{ id: 'x', importedFrom: 'http://Example.org/A1' }], [{ importedFrom: 'http://example.org/a1' }]);
    expect(fresh).toHaveLength(1);
  });
});
