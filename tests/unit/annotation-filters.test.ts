import { describe, expect, it } from 'vitest';
import { AnnotationRecordSchema, type AnnotationRecord, type AnnotationRecordInput } from '../../src/annotations/annotation-record';
import {
  countLabel,
  describeAnnotationState,
  filterAnnotations,
  filterOptions,
  isFiltering,
  NO_FILTERS,
  siteOf,
  type AnnotationFilters,
} from '../../src/ui/options/annotation-filters';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 1);

function record(id: string, overrides: Partial<AnnotationRecordInput> = {}): AnnotationRecord {
  return AnnotationRecordSchema.parse({
    id,
    pageUrl: 'https://news.example.org/story',
    site: 'news.example.org',
    pageTitle: 'A story',
    target: { quote: { type: 'TextQuoteSelector', exact: `quoted passage ${id}` } },
    claimKey: `crosscheck:mine/${id}`,
    claim: { statement: `Statement ${id}`, verdict: 'false' },
    created: T0,
    modified: T0,
    ...overrides,
  });
}

const filters = (partial: Partial<AnnotationFilters>): AnnotationFilters => ({ ...NO_FILTERS, ...partial });
const ids = (records: readonly AnnotationRecord[]) => records.map((r) => r.id);

const records: AnnotationRecord[] = [
  record('a', {
    modified: T0 + 1 * DAY,
    tags: ['Climate', 'ice'],
    claim: { statement: 'Arctic ice grew in 2024', verdict: 'false' },
    target: { quote: { type: 'TextQuoteSelector', exact: 'the sea ice is growing again' } },
    anchor: { state: 'anchored', score: 1, checkedAt: T0 },
  }),
  record('b', {
    modified: T0 + 3 * DAY,
    site: 'blog.example.com',
    pageUrl: 'https://blog.example.com/post',
    tags: ['climate'],
    claim: { statement: 'Café prices doubled', verdict: 'mostly-true' },
    target: { quote: { type: 'TextQuoteSelector', exact: 'prices at the café have doubled' } },
    anchor: { state: 'uncertain', score: 0.8234, checkedAt: T0 },
  }),
  record('c', {
    modified: T0 + 2 * DAY,
    tags: ['economy'],
    claim: { statement: 'Unemployment fell', verdict: 'mostly-true' },
    anchor: { state: 'orphaned', score: 0.2, checkedAt: T0 },
  }),
  record('d', { modified: T0 + 4 * DAY, claim: { statement: 'Never checked', verdict: 'mixed' } }),
  record('gone', { modified: T0 + 9 * DAY, deletedAt: T0 + 9 * DAY, tags: ['trash-only'], site: 'deleted.example' }),
];

describe('filterAnnotations', () => {
  it('lists every live annotation, newest modified first, without deleted ones', () => {
    expect(ids(filterAnnotations(records, NO_FILTERS))).toEqual(['d', 'b', 'c', 'a']);
  });

  it('breaks ties in modification time by creation time, then id', () => {
    const tied = [record('y', { created: T0 }), record('x', { created: T0 }), record('z', { created: T0 + 1 })];
    expect(ids(filterAnnotations(tied, NO_FILTERS))).toEqual(['z', 'x', 'y']);
  });

  it('filters by site', () => {
    expect(ids(filterAnnotations(records, filters({ site: 'blog.example.com' })))).toEqual(['b']);
    expect(ids(filterAnnotations(records, filters({ site: 'news.example.org' })))).toEqual(['d', 'c', 'a']);
    expect(ids(filterAnnotations(records, filters({ site: 'deleted.example' })))).toEqual([]);
  });

  it('filters by tag without regard to case', () => {
    expect(ids(filterAnnotations(records, filters({ tag: 'climate' })))).toEqual(['b', 'a']);
    expect(ids(filterAnnotations(records, filters({ tag: 'CLIMATE' })))).toEqual(['b', 'a']);
    expect(ids(filterAnnotations(records, filters({ tag: 'econ' })))).toEqual([]);
  });

  it('filters by verdict', () => {
    expect(ids(filterAnnotations(records, filters({ verdict: 'mostly-true' })))).toEqual(['b', 'c']);
    expect(ids(filterAnnotations(records, filters({ verdict: 'true' })))).toEqual([]);
  });

  it('filters by anchoring state, "unchecked" being annotations no visit has checked', () => {
    expect(ids(filterAnnotations(records, filters({ state: 'anchored' })))).toEqual(['a']);
    expect(ids(filterAnnotations(records, filters({ state: 'uncertain' })))).toEqual(['b']);
    expect(ids(filterAnnotations(records, filters({ state: 'orphaned' })))).toEqual(['c']);
    expect(ids(filterAnnotations(records, filters({ state: 'unchecked' })))).toEqual(['d']);
  });

  it('searches statement, quote and tags: every word, any case, accents folded', () => {
    expect(ids(filterAnnotations(records, filters({ text: 'arctic' })))).toEqual(['a']);
    expect(ids(filterAnnotations(records, filters({ text: 'SEA  growing' })))).toEqual(['a']);
    expect(ids(filterAnnotations(records, filters({ text: 'economy' })))).toEqual(['c']);
    expect(ids(filterAnnotations(records, filters({ text: 'cafe' })))).toEqual(['b']);
    expect(ids(filterAnnotations(records, filters({ text: 'arctic prices' })))).toEqual([]);
    expect(ids(filterAnnotations(records, filters({ text: '   ' })))).toEqual(['d', 'b', 'c', 'a']);
  });

  it('does not search what is not statement, quote or tags', () => {
    expect(ids(filterAnnotations(records, filters({ text: 'story' })))).toEqual([]);
  });

  it('combines filters', () => {
    expect(ids(filterAnnotations(records, filters({ tag: 'climate', verdict: 'false' })))).toEqual(['a']);
    expect(ids(filterAnnotations(records, filters({ tag: 'climate', site: 'blog.example.com', text: 'doubled' })))).toEqual(['b']);
    expect(ids(filterAnnotations(records, filters({ tag: 'climate', state: 'orphaned' })))).toEqual([]);
  });

  it('keeps deleted annotations it is asked to keep, when they match', () => {
    const keepDeleted = new Set(['gone']);
    expect(ids(filterAnnotations(records, NO_FILTERS, { keepDeleted }))).toEqual(['gone', 'd', 'b', 'c', 'a']);
    expect(ids(filterAnnotations(records, filters({ tag: 'climate' }), { keepDeleted }))).toEqual(['b', 'a']);
  });
});

describe('filterOptions', () => {
  const options = filterOptions(records);

  it('counts live annotations only', () => {
    expect(options.total).toBe(4);
  });

  it('offers the sites present, alphabetically, with counts', () => {
    expect(options.sites).toEqual([
      { value: 'blog.example.com', label: 'blog.example.com', count: 1 },
      { value: 'news.example.org', label: 'news.example.org', count: 3 },
    ]);
  });

  it('offers each tag once whatever its case, spelled as most recently used', () => {
    expect(options.tags).toEqual([
      { value: 'climate', label: 'climate', count: 2 },
      { value: 'economy', label: 'economy', count: 1 },
      { value: 'ice', label: 'ice', count: 1 },
    ]);
  });

  it('offers every verdict in scale order and every state, with counts', () => {
    expect(options.verdicts.map((v) => [v.value, v.count])).toEqual([
      ['false', 1],
      ['mostly-false', 0],
      ['misleading', 0],
      ['mixed', 1],
      ['unverified', 0],
      ['mostly-true', 2],
      ['true', 0],
    ]);
    expect(options.verdicts[5]?.label).toBe('Mostly true');
    expect(options.states).toEqual([
      { value: 'anchored', label: 'Anchored', count: 1 },
      { value: 'uncertain', label: 'Uncertain', count: 1 },
      { value: 'orphaned', label: 'Orphaned', count: 1 },
      { value: 'unchecked', label: 'Not checked yet', count: 1 },
    ]);
  });

  it('offers nothing for no annotations', () => {
    const empty = filterOptions([]);
    expect(empty.total).toBe(0);
    expect(empty.sites).toEqual([]);
    expect(empty.tags).toEqual([]);
    expect(empty.verdicts.every((v) => v.count === 0)).toBe(true);
  });

  it('gives every site option a value the site filter accepts', () => {
    for (const site of options.sites)
      expect(filterAnnotations(records, filters({ site: site.value }))).toHaveLength(site.count);
    for (const tag of options.tags) expect(filterAnnotations(records, filters({ tag: tag.value }))).toHaveLength(tag.count);
  });
});

describe('states, sites and labels', () => {
  it('describes the anchoring state as the workspace shows it', () => {
    expect(records.map(describeAnnotationState)).toEqual([
      'Anchored',
      'Uncertain, score 0.82',
      'Orphaned',
      'Not checked yet',
      'Not checked yet',
    ]);
  });

  it('falls back to the page URL’s host for a blank site', () => {
    expect(siteOf(record('s', { site: '', pageUrl: 'https://Other.Example.net/x' }))).toBe('other.example.net');
    expect(siteOf(record('t', { site: 'News.Example.org' }))).toBe('news.example.org');
  });

  it('says whether any filter is set', () => {
    expect(isFiltering(NO_FILTERS)).toBe(false);
    expect(isFiltering(filters({ text: '  ' }))).toBe(false);
    expect(isFiltering(filters({ state: 'unchecked' }))).toBe(true);
  });

  it('counts "N of M annotations"', () => {
    expect(countLabel(2, 5)).toBe('2 of 5 annotations');
    expect(countLabel(0, 0)).toBe('0 of 0 annotations');
    expect(countLabel(1, 1)).toBe('1 of 1 annotation');
  });
});
