import type { Stance } from '../schema/verdict';
import type { VerdictName } from '../verdict/verdict-scale';

/**
 * A claim as the card and the popup show it: everything needed to render it, resolved from the
 * database in the background. Plain types only, so the content script imports no schema code.
 */
export interface SourceView {
  url: string;
  title: string;
  publisher: string;
  date?: string;
}

export interface EvidenceView {
  stance: Stance;
  quote: string;
  source: SourceView;
}

export interface ClaimView {
  key: string;
  statement: string;
  verdict: VerdictName;
  rating?: string;
  summary: string;
  tags: string[];
  /** the wordings it is matched in; lets the UI tell that two packs hold the same claim */
  phrasings?: string[];
  pack: { id: string; name: string; publisher: string };
  evidence: EvidenceView[];
  /** set when this is an annotator's tagged passage rather than a claim the matcher found */
  annotation?: AnnotationInfo;
}

/** An annotation as the card shows it; the key of its ClaimView is `annotation:<id>`. */
export interface AnnotationInfo {
  id: string;
  quote: string;
  tags: string[];
  /** filled in by the page that anchored it */
  state?: 'anchored' | 'uncertain' | 'orphaned';
  score?: number;
}

export const annotationKey = (id: string): string => `annotation:${id}`;
