import type { AnchorResult, PassageSelectors } from '../anchoring/selectors';
import type { HighlightRegistry } from '../highlight/highlight-registry';
import { annotationKey, type ClaimView } from '../messaging/claim-view';
import type {
  ContentToBackgroundInput,
  ContentToBackgroundReplies,
  DescribeSelectionReply,
  PageAnnotation,
} from '../messaging/protocol';
import { selectedRange } from './selection-button';
import type { TagPanel } from './tag-panel';

/**
 * The annotator's passages on a page: fetched from the background, anchored against the
 * document's text (position, then quote, then fuzzy quote; see docs/anchoring.md), painted with
 * the reader's highlights, and reported back so the popup and workspace can say which are
 * anchored, uncertain or orphaned. Also the entry to tagging: the selected passage is described as
 * W3C selectors and handed to the background, and the panel opens on it.
 */
export type Ask = <M extends ContentToBackgroundInput>(
  message: M,
) => Promise<ContentToBackgroundReplies[M['type']] | undefined>;

/** What the layer needs from the anchoring code (src/anchoring): reading, describing, anchoring. */
export interface DocumentAnchoring {
  describe(root: Element, range: Range): PassageSelectors | null;
  /**
   * anchors every selector set against one reading of root's text; `codePoints` is where an
   * anchored passage lies in code points (the W3C position)
   */
  anchor(
    root: Element,
    targets: readonly PassageSelectors[],
  ): Array<{ result: AnchorResult; range: Range | null; codePoints?: { start: number; end: number } }>;
}

export interface AnnotationLayer {
  /** fetch this page's annotations and anchor them */
  refresh(): Promise<void>;
  /** anchor the known annotations again (the page changed); cheap when all are anchored */
  reanchor(): void;
  tagSelection(range?: Range | null): Promise<void>;
  describeSelection(): DescribeSelectionReply;
  edit(id: string): void;
  closePanel(): void;
  clear(): void;
}

interface Options {
  doc: Document;
  registry: HighlightRegistry;
  claims: Map<string, ClaimView>;
  ask: Ask;
  anchoring: DocumentAnchoring;
  panel: TagPanel;
  /** annotate.html with these query parameters, as an extension URL */
  panelUrl: (query: string) => string;
  isOurs: (node: Node) => boolean;
}

const roundScore = (score: number) => Math.round(score * 100) / 100;

export function createAnnotationLayer(options: Options): AnnotationLayer {
  const { doc, registry, claims } = options;
  let annotations: PageAnnotation[] = [];
  let painted = new Set<string>();
  let generation = 0;
  let settled = true;

  function unpaint() {
    if (painted.size) registry.removeClaims(painted);
    for (const key of painted) claims.delete(key);
    painted = new Set();
  }

  function anchorAll(report: boolean) {
    unpaint();
    if (!doc.body || annotations.length === 0) return;
    const found = options.anchoring.anchor(doc.body, annotations.map((a) => a.target));
    const changes: Array<{ id: string; state: AnchorResult['state']; score: number; codePoints?: { start: number; end: number } }> = [];
    settled = true;
    annotations.forEach((annotation, i) => {
      const { result, range, codePoints } = found[i]!;
      const key = annotationKey(annotation.id);
      const score = roundScore(result.score);
      const known = annotation.view.annotation;
      // A Hypothesis position (UTF-16) is reported in code points once found exactly, once.
      const convert = annotation.target.positionUnit === 'utf-16' && result.state === 'anchored' && score === 1 && codePoints;
      if (known?.state !== result.state || known?.score !== score || convert)
        changes.push({ id: annotation.id, state: result.state, score, ...(convert ? { codePoints } : {}) });
      // Stored as code points from now on; this visit keeps the selectors it anchored with.
      const view: ClaimView = {
        ...annotation.view,
        annotation: { ...(known ?? { id: annotation.id, quote: annotation.target.quote.exact, tags: [] }), state: result.state, score },
      };
      annotation.view = view;
      claims.set(key, view);
      if (result.state !== 'anchored') settled = false;
      if (result.state === 'orphaned' || !range) return;
      registry.add(range, key, view.verdict, result.state === 'uncertain');
      painted.add(key);
    });
    if (report && changes.length) void options.ask({ type: 'content/annotation-states', states: changes });
  }

  let reanchorTimer = 0;
  const win = doc.defaultView!;

  return {
    async refresh() {
      const runFor = ++generation;
      const reply = await options.ask({ type: 'content/page-annotations' });
      if (runFor !== generation || !reply || !reply.ok) return;
      annotations = reply.paused ? [] : reply.annotations;
      anchorAll(true);
    },
    reanchor() {
      // Later content may hold a passage not found at first, and a page that re-renders its
      // article drops the text an anchored passage was painted on (registry.prune).
      const shown = new Set(registry.passages().flatMap((p) => p.claims));
      const lost = [...painted].some((key) => !shown.has(key));
      if ((settled && !lost) || reanchorTimer) return;
      reanchorTimer = win.setTimeout(() => {
        reanchorTimer = 0;
        anchorAll(true);
      }, 500);
    },
    async tagSelection(given) {
      const range = given ?? selectedRange(doc);
      if (!range || !doc.body || options.isOurs(range.commonAncestorContainer)) return;
      const target = options.anchoring.describe(doc.body, range);
      if (!target) return;
      const reply = await options.ask({ type: 'content/tag-selection', target, pageTitle: doc.title });
      if (reply?.ok) options.panel.open(options.panelUrl(`draft=${encodeURIComponent(reply.draftId)}`));
    },
    describeSelection() {
      const range = selectedRange(doc);
      if (!range || !doc.body) return { ok: false, error: 'Select the passage on the page first, then choose Re-attach.' };
      const target = options.anchoring.describe(doc.body, range);
      return target ? { ok: true, target } : { ok: false, error: 'The selection is not in the page’s text.' };
    },
    edit(id) {
      options.panel.open(options.panelUrl(`annotation=${encodeURIComponent(id)}`));
    },
    closePanel() {
      options.panel.close();
    },
    clear() {
      options.panel.close();
      generation++;
      annotations = [];
      unpaint();
    },
  };
}
