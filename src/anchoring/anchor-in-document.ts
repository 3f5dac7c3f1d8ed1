import { anchorSelectors, positionInText } from './anchor-selectors';
import { rangeFromOffsets, readDomText, type DomText } from './dom-text';
import type { AnchorResult, PassageSelectors } from './selectors';

/**
 * Anchoring stored selectors in a live document: read the root's text, anchor against it and turn
 * the offsets back into a DOM Range. Pass a DomText already read to anchor many passages against
 * one read of the page.
 */
export interface DocumentAnchor {
  result: AnchorResult;
  /** The passage's Range; null when orphaned (or when its nodes have since left the page). */
  range: Range | null;
}

export function anchorInDocument(source: Node | DomText, selectors: PassageSelectors): DocumentAnchor {
  const domText = 'nodes' in source ? source : readDomText(source);
  const result = anchorSelectors(domText.text, selectors, { exclude: domText.inert });
  return { result, range: rangeForAnchor(domText, result) };
}

/** The Range an AnchorResult points at (anchored or uncertain), or null for an orphan. */
export function rangeForAnchor(domText: DomText, result: AnchorResult): Range | null {
  if (result.state === 'orphaned' || result.start === undefined || result.end === undefined) return null;
  return rangeFromOffsets(domText, result.start, result.end);
}

/**
 * The Range a stored position alone points at, without checking the quote (for imports and
 * tests of the position model); null when it does not fit the text.
 */
export function rangeForPosition(domText: DomText, selectors: PassageSelectors): Range | null {
  const offsets = positionInText(domText.text, selectors);
  return offsets ? rangeFromOffsets(domText, offsets.start, offsets.end) : null;
}
