import { anchorInDocument } from '../anchoring/anchor-in-document';
import { describeRange } from '../anchoring/describe-range';
import { readDomText } from '../anchoring/dom-text';
import { utf16RangeToCodePoints } from '../anchoring/text-positions';
import type { DocumentAnchoring } from './annotation-layer';

/** The anchoring code (src/anchoring) in the shape the annotation layer uses: one read per pass. */
export const documentAnchoring: DocumentAnchoring = {
  describe(root, range) {
    const text = readDomText(root);
    // Context counted with whitespace runs as one unit: on indented markup 32 raw units can be all
    // whitespace, which tells nothing when the page changes (docs/anchoring.md, the eval).
    const selectors = describeRange(text, range, { whitespace: 'collapsed' });
    return selectors.quote.exact.trim() ? selectors : null;
  },
  anchor(root, targets) {
    if (targets.length === 0) return [];
    const text = readDomText(root);
    return targets.map((target) => {
      const found = anchorInDocument(text, target);
      const { start, end } = found.result;
      if (found.result.state !== 'anchored' || start === undefined || end === undefined) return found;
      return { ...found, codePoints: utf16RangeToCodePoints(text.text, start, end) };
    });
  },
};
