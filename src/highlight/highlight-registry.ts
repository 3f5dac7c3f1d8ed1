import { highlightName, type VerdictName } from '../verdict/verdict-scale';
import { createOverlayPainter, type OverlayPainter } from './overlay-painter';

/**
 * The highlighted passages of a page. Painting uses the CSS Custom Highlight API, one Highlight per
 * verdict named `crosscheck-<verdict>`, so the page's DOM is never touched (safe on hydrated news
 * sites). Where the API is missing, an overlay of boxes in our own shadow root stands in.
 */
export interface Passage {
  range: Range;
  claims: string[];
  verdict: VerdictName;
  /** an annotation re-found only with a lower score: painted apart, as "maybe here" */
  tentative?: boolean;
}

/** The highlight of tentative passages, whatever their verdict (entrypoints/content/highlights.css). */
export const TENTATIVE_HIGHLIGHT = 'crosscheck-uncertain';

/** More severe verdicts paint on top where passages overlap. */
const SEVERITY: Record<VerdictName, number> = {
  false: 6, 'mostly-false': 5, misleading: 4, mixed: 3, unverified: 1, 'mostly-true': 2, true: 0,
};

export const highlightApiAvailable = (): boolean =>
  typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

export interface HighlightRegistry {
  /** Adds a passage for a claim; the same claim on the same text is kept once. */
  add(range: Range, claim: string, verdict: VerdictName, tentative?: boolean): void;
  /** Passages in document order. */
  passages(): Passage[];
  count(): number;
  /** Passages under a caret position. */
  at(node: Node, offset: number): Passage[];
  /** Drops passages whose text left the page. */
  prune(): void;
  /** Takes claims off their passages (an annotation deleted or re-anchored); bare passages go. */
  removeClaims(keys: ReadonlySet<string>): void;
  clear(): void;
  destroy(): void;
}

export function createHighlightRegistry(
  options: { useHighlightApi?: boolean; overlayRoot?: () => ShadowRoot } = {},
): HighlightRegistry {
  const useApi = options.useHighlightApi ?? highlightApiAvailable();
  const passages: Passage[] = [];
  const byName = new Map<string, Highlight>();
  let overlay: OverlayPainter | null = null;
  const same = (a: Range, b: Range) =>
    a.startContainer === b.startContainer &&
    a.startOffset === b.startOffset &&
    a.endContainer === b.endContainer &&
    a.endOffset === b.endOffset;

  function paint(passage: Pick<Passage, 'verdict' | 'tentative'>, range: Range, remove = false) {
    if (useApi) {
      const name = passage.tentative ? TENTATIVE_HIGHLIGHT : highlightName(passage.verdict);
      let highlight = byName.get(name);
      if (!highlight) {
        highlight = new Highlight();
        highlight.priority = passage.tentative ? -1 : SEVERITY[passage.verdict];
        byName.set(name, highlight);
        CSS.highlights.set(name, highlight);
      }
      if (remove) highlight.delete(range);
      else highlight.add(range);
    } else if (options.overlayRoot) {
      overlay ??= createOverlayPainter(options.overlayRoot());
      overlay.update(passages);
    }
  }

  return {
    add(range, claim, verdict, tentative = false) {
      const existing = passages.find((p) => same(p.range, range) && p.verdict === verdict && !!p.tentative === tentative);
      if (existing) {
        if (!existing.claims.includes(claim)) existing.claims.push(claim);
        return;
      }
      const passage: Passage = { range, claims: [claim], verdict, ...(tentative ? { tentative } : {}) };
      passages.push(passage);
      paint(passage, range);
    },
    count: () => passages.length,
    passages: () =>
      [...passages].sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range)),
    at(node, offset) {
      return passages.filter((p) => {
        try {
          return p.range.isPointInRange(node, offset);
        } catch {
          return false;
        }
      });
    },
    prune() {
      for (let i = passages.length - 1; i >= 0; i--) {
        const passage = passages[i]!;
        // A live Range whose text is removed collapses onto the removed node's parent, which is
        // still connected: a collapsed range is a passage whose text left the page.
        const { range } = passage;
        if (!range.collapsed && range.startContainer.isConnected && range.endContainer.isConnected) continue;
        passages.splice(i, 1);
        paint(passage, passage.range, true);
      }
    },
    removeClaims(keys) {
      for (let i = passages.length - 1; i >= 0; i--) {
        const passage = passages[i]!;
        passage.claims = passage.claims.filter((claim) => !keys.has(claim));
        if (passage.claims.length) continue;
        passages.splice(i, 1);
        // Another passage may paint the same Range object (the same text with another verdict).
        if (!passages.some((p) => p.range === passage.range && p.verdict === passage.verdict && p.tentative === passage.tentative))
          paint(passage, passage.range, true);
      }
    },
    clear() {
      passages.length = 0;
      // Only our own Highlight objects: after an update, a newer copy of this script may already
      // have registered highlights under the same names while this one is being torn down.
      if (useApi)
        for (const [name, mine] of byName) if (CSS.highlights.get(name) === mine) CSS.highlights.delete(name);
      byName.clear();
      overlay?.update([]);
    },
    destroy() {
      this.clear();
      overlay?.destroy();
      overlay = null;
    },
  };
}
