/**
 * W3C Web Annotation selectors as the anchoring code uses them. Plain types, no schema code: the
 * content script imports this. Stored and exported offsets are Unicode code points (the W3C model);
 * inside a page, offsets into a JavaScript string are UTF-16 units, and the conversion happens at
 * that edge (text-positions.ts).
 */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** code points from the start of the document's text (document.body's text nodes, in order) */
  start: number;
  end: number;
}

/** A tagged passage's target as stored. */
export interface PassageSelectors {
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
  /**
   * What `position` counts. Our own and W3C annotations count code points; Hypothesis exports
   * count UTF-16 units, kept as they are until the passage is anchored again.
   */
  positionUnit?: 'code-point' | 'utf-16';
}

/**
 * anchored: found where the selectors say, or by the quote with a high score;
 * uncertain: a close match below the anchoring threshold, shown with its score;
 * orphaned: not found well enough to show anywhere.
 */
export type AnchorState = 'anchored' | 'uncertain' | 'orphaned';

export type AnchorMethod = 'position' | 'quote' | 'fuzzy' | 'none';

/**
 * Why a result is not plainly anchored, when a rule rather than the score alone decided it
 * (for logs, the evaluation and a tooltip): two places scored alike, the context around the place
 * no longer agrees, or nothing was found.
 */
export type AnchorReason = 'ambiguous' | 'weak-context' | 'low-score' | 'not-found' | 'empty-quote' | 'neighbour' | 'numbers-differ';

export interface AnchorResult {
  state: AnchorState;
  /** UTF-16 offsets into the text anchored against; absent when orphaned */
  start?: number;
  end?: number;
  /** 0..1; 1 for an exact quote with matching context */
  score: number;
  method: AnchorMethod;
  reason?: AnchorReason;
}
