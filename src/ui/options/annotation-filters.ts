import type { AnnotationRecord } from '../../annotations/annotation-record';
import { VERDICTS, VERDICT_LABELS, type VerdictName } from '../../verdict/verdict-scale';

/**
 * The workspace's filters ("Your annotations" on the options page), as pure functions over stored
 * annotation records so they are tested in Node. Deleted annotations (in the trash) never count.
 */

/** What the last visit found (`anchor.state`), or `unchecked` when no visit has checked it yet. */
export const ANNOTATION_STATES = ['anchored', 'uncertain', 'orphaned', 'unchecked'] as const;
export type AnnotationState = (typeof ANNOTATION_STATES)[number];

export const ANNOTATION_STATE_LABELS: Record<AnnotationState, string> = {
  anchored: 'Anchored',
  uncertain: 'Uncertain',
  orphaned: 'Orphaned',
  unchecked: 'Not checked yet',
};

export interface AnnotationFilters {
  /** a host name, as `siteOf` gives it; '' for every site */
  site: string;
  /** a tag, compared without regard to case; '' for any */
  tag: string;
  verdict: VerdictName | '';
  state: AnnotationState | '';
  /** free text: every word must occur in the statement, the quoted passage or a tag */
  text: string;
}

export const NO_FILTERS: AnnotationFilters = Object.freeze({ site: '', tag: '', verdict: '', state: '', text: '' });

export const isFiltering = (filters: AnnotationFilters): boolean =>
  Boolean(filters.site || filters.tag || filters.verdict || filters.state || filters.text.trim());

export const annotationState = (record: Pick<AnnotationRecord, 'anchor'>): AnnotationState => record.anchor?.state ?? 'unchecked';

/** "Anchored", "Uncertain, score 0.82", "Orphaned" or "Not checked yet". */
export function describeAnnotationState(record: Pick<AnnotationRecord, 'anchor'>): string {
  const state = annotationState(record);
  if (state === 'uncertain' && record.anchor) return `Uncertain, score ${record.anchor.score.toFixed(2)}`;
  return ANNOTATION_STATE_LABELS[state];
}

/** The annotation's site: its stored host name, else the page URL's. */
export function siteOf(record: Pick<AnnotationRecord, 'site' | 'pageUrl'>): string {
  if (record.site.trim()) return record.site.trim().toLowerCase();
  try {
    return new URL(record.pageUrl).hostname;
  } catch {
    return '';
  }
}

/** Lower case, accents and compatibility forms folded, whitespace runs made one space. */
export const foldText = (value: string): string =>
  value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

const searchTextOf = (record: AnnotationRecord): string =>
  foldText([record.claim.statement, record.target.quote.exact, ...record.tags].join('\n'));

/** Newest modified first; then newest created, then by id, so the order never flickers. */
export function newestFirst(a: AnnotationRecord, b: AnnotationRecord): number {
  return b.modified - a.modified || b.created - a.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface FilterAnnotationsOptions {
  /**
   * Deleted annotations to keep anyway (those just deleted in the workspace, shown with an Undo
   * until the page reloads); they must still match the filters.
   */
  keepDeleted?: ReadonlySet<string>;
}

/** The live annotations that pass every filter, newest modified first. */
export function filterAnnotations(
  records: readonly AnnotationRecord[],
  filters: AnnotationFilters,
  options: FilterAnnotationsOptions = {},
): AnnotationRecord[] {
  const words = foldText(filters.text).split(' ').filter(Boolean);
  const tag = filters.tag.trim().toLowerCase();
  const site = filters.site.trim().toLowerCase();
  return records
    .filter((record) => {
      if (record.deletedAt !== undefined && !options.keepDeleted?.has(record.id)) return false;
      if (site && siteOf(record) !== site) return false;
      if (tag && !record.tags.some((t) => t.toLowerCase() === tag)) return false;
      if (filters.verdict && record.claim.verdict !== filters.verdict) return false;
      if (filters.state && annotationState(record) !== filters.state) return false;
      if (words.length) {
        const haystack = searchTextOf(record);
        if (!words.every((word) => haystack.includes(word))) return false;
      }
      return true;
    })
    .sort(newestFirst);
}

export interface FilterOption<T extends string = string> {
  value: T;
  label: string;
  /** live annotations that have it */
  count: number;
}

export interface AnnotationFilterOptions {
  /** live annotations */
  total: number;
  /** the sites present, alphabetical */
  sites: FilterOption[];
  /** the tags present (one entry per tag whatever its case), alphabetical */
  tags: FilterOption[];
  /** every verdict, in scale order */
  verdicts: FilterOption<VerdictName>[];
  /** every state, "not checked yet" last */
  states: FilterOption<AnnotationState>[];
}

const byLabel = (a: FilterOption, b: FilterOption): number =>
  a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

/** What the filter selects offer, with how many live annotations each would show. */
export function filterOptions(records: readonly AnnotationRecord[]): AnnotationFilterOptions {
  const sites = new Map<string, FilterOption>();
  const tags = new Map<string, FilterOption>();
  const verdicts = new Map<VerdictName, number>();
  const states = new Map<AnnotationState, number>();
  let total = 0;
  for (const record of [...records].sort(newestFirst)) {
    if (record.deletedAt !== undefined) continue;
    total++;
    const site = siteOf(record);
    if (site) {
      const option = sites.get(site) ?? { value: site, label: site, count: 0 };
      option.count++;
      sites.set(site, option);
    }
    const seen = new Set<string>();
    for (const raw of record.tags) {
      const tag = raw.trim();
      const key = tag.toLowerCase();
      if (!tag || seen.has(key)) continue;
      seen.add(key);
      // Spelled as in the most recently modified annotation that has it.
      const option = tags.get(key) ?? { value: tag, label: tag, count: 0 };
      option.count++;
      tags.set(key, option);
    }
    verdicts.set(record.claim.verdict, (verdicts.get(record.claim.verdict) ?? 0) + 1);
    const state = annotationState(record);
    states.set(state, (states.get(state) ?? 0) + 1);
  }
  return {
    total,
    sites: [...sites.values()].sort(byLabel),
    tags: [...tags.values()].sort(byLabel),
    verdicts: VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v], count: verdicts.get(v) ?? 0 })),
    states: ANNOTATION_STATES.map((s) => ({ value: s, label: ANNOTATION_STATE_LABELS[s], count: states.get(s) ?? 0 })),
  };
}

/** "3 of 12 annotations" */
export function countLabel(shown: number, total: number): string {
  return `${shown} of ${total} ${total === 1 ? 'annotation' : 'annotations'}`;
}
