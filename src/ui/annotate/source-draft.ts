import type { AnnotationSource } from '../../annotations/annotation-record';

/** A source row as the form edits it: every field a string, checked only when saving. */
export interface SourceDraft {
  url: string;
  title: string;
  publisher: string;
  date: string;
  stance: AnnotationSource['stance'];
  quote: string;
}

export const emptySource = (): SourceDraft => ({ url: '', title: '', publisher: '', date: '', stance: 'supports', quote: '' });

export const sourceDraftOf = (source: AnnotationSource): SourceDraft => ({
  url: source.url,
  title: source.title,
  publisher: source.publisher,
  date: source.date ?? '',
  stance: source.stance,
  quote: source.quote,
});

/** Rows left wholly empty are dropped rather than reported. */
export const sourcesToSave = (rows: readonly SourceDraft[]) =>
  rows
    .filter((row) => row.url.trim() || row.title.trim() || row.quote.trim() || row.publisher.trim())
    .map((row) => ({
      url: row.url.trim(),
      title: row.title.trim(),
      publisher: row.publisher.trim(),
      ...(row.date.trim() ? { date: row.date.trim() } : {}),
      stance: row.stance,
      quote: row.quote.trim(),
    }));

export const parseTags = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
];
