import { render } from 'preact';
import type { ClaimView } from '../messaging/claim-view';
import { ClaimCard, type CardPosition } from './ClaimCard';
import type { HighlightRegistry, Passage } from './highlight-registry';
import type { ShadowHost } from './shadow-host';

/**
 * Opens the card for a highlighted passage: when the pointer rests on it, when the text caret
 * enters it (caret browsing), or from the keyboard command that steps through passages. Highlights
 * are not elements, so pointing is resolved with caretPositionFromPoint against the passages'
 * ranges; all listeners are passive and throttled to one check per animation frame.
 */
export interface CardController {
  focusNext(step?: 1 | -1): boolean;
  reveal(claim: string): boolean;
  hide(): void;
  isOpen(): boolean;
}

interface Options {
  doc: Document;
  registry: HighlightRegistry;
  claim: (key: string) => ClaimView | undefined;
  host: () => ShadowHost;
  signal: AbortSignal;
  /** false once the extension is gone (reloaded, updated, disabled): then no card opens */
  alive?: () => boolean;
  /** opens the tagging panel on an annotation (its card's Edit button) */
  onEditAnnotation?: (id: string) => void;
}

const GAP = 6;
const HIDE_DELAY_MS = 300;

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = (doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

const sameText = (a: Range, b: Range) =>
  a.compareBoundaryPoints(Range.START_TO_START, b) === 0 && a.compareBoundaryPoints(Range.END_TO_END, b) === 0;

const contains = (rect: DOMRect, x: number, y: number) =>
  x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1;

export function createCardController(options: Options): CardController {
  const { doc, registry, signal } = options;
  const win = doc.defaultView!;
  let container: HTMLElement | null = null;
  let card: HTMLElement | null = null;
  let current: Passage | null = null;
  let openedByKeyboard = false;
  let returnFocus: Element | null = null;
  let hideTimer = 0;
  let frame = 0;
  let lastPointer: { x: number; y: number; overCard: boolean } | null = null;

  function passagesAtPoint(x: number, y: number): Passage[] {
    const caret = caretAt(doc, x, y);
    if (!caret) return [];
    return registry
      .at(caret.node, caret.offset)
      .filter((p) => [...p.range.getClientRects()].some((rect) => contains(rect, x, y)));
  }

  function position(range: Range): CardPosition {
    const rect = range.getBoundingClientRect();
    const width = Math.min(380, win.innerWidth - 16);
    const height = card?.offsetHeight ?? 240;
    const below = rect.bottom + GAP;
    const top = below + height <= win.innerHeight || rect.top - GAP - height < 0 ? below : rect.top - GAP - height;
    const left = Math.max(8, Math.min(rect.left, win.innerWidth - width - 8));
    return { left, top: Math.max(8, Math.min(top, win.innerHeight - Math.min(height, win.innerHeight - 16) - 8)) };
  }

  function draw(claims: ClaimView[], at: CardPosition) {
    render(
      <ClaimCard
        claims={claims}
        position={at}
        onClose={() => hide(true)}
        cardRef={(el) => (card = el)}
        {...(options.onEditAnnotation
          ? {
              onEditAnnotation: (id: string) => {
                hide();
                options.onEditAnnotation!(id);
              },
            }
          : {})}
      />,
      container!,
    );
  }

  /** Opens the card on `passage`, listing every claim of the passages that share its text. */
  function show(passage: Passage, focus: boolean, together: readonly Passage[] = [passage]) {
    win.clearTimeout(hideTimer);
    if (options.alive && !options.alive()) return;
    const keys = [...new Set(together.flatMap((p) => p.claims))];
    const claims = keys.map(options.claim).filter((c): c is ClaimView => c !== undefined);
    if (claims.length === 0) return;
    if (!container) {
      container = doc.createElement('div');
      options.host().root.append(container);
    }
    current = passage;
    draw(claims, position(passage.range));
    // Measured now that it is rendered: flip above the passage if it does not fit below.
    draw(claims, position(passage.range));
    if (focus) {
      if (!openedByKeyboard) returnFocus = doc.activeElement;
      openedByKeyboard = true;
      card?.focus({ preventScroll: true });
    }
  }

  function hide(restoreFocus = false) {
    win.clearTimeout(hideTimer);
    if (container) render(null, container);
    card = null;
    current = null;
    if (restoreFocus && openedByKeyboard && returnFocus instanceof HTMLElement) returnFocus.focus({ preventScroll: true });
    openedByKeyboard = false;
    returnFocus = null;
  }

  function scheduleHide() {
    if (openedByKeyboard) return;
    win.clearTimeout(hideTimer);
    hideTimer = win.setTimeout(() => hide(), HIDE_DELAY_MS);
  }

  function onPointerFrame() {
    frame = 0;
    const pointer = lastPointer;
    if (!pointer) return;
    if (pointer.overCard) {
      win.clearTimeout(hideTimer);
      return;
    }
    const passages = passagesAtPoint(pointer.x, pointer.y);
    const [passage] = passages;
    if (passage) {
      if (!current || !passages.includes(current)) show(passage, false, passages);
      else win.clearTimeout(hideTimer);
    } else if (current) scheduleHide();
  }

  function reveal(passage: Passage) {
    const element = passage.range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center', inline: 'nearest' });
    const overlapping = registry.passages().filter((p) => p === passage || sameText(p.range, passage.range));
    show(passage, true, overlapping);
  }

  doc.addEventListener(
    'pointermove',
    (event) => {
      if (registry.count() === 0 && !current) return;
      const hostElement = container ? options.host().host : null;
      lastPointer = { x: event.clientX, y: event.clientY, overCard: !!hostElement && event.composedPath().includes(hostElement) };
      if (!frame) frame = win.requestAnimationFrame(onPointerFrame);
    },
    { passive: true, capture: true, signal },
  );
  doc.addEventListener(
    'selectionchange',
    () => {
      const selection = doc.getSelection();
      if (!selection || !selection.isCollapsed || !selection.anchorNode) return;
      const passages = registry.at(selection.anchorNode, selection.anchorOffset);
      const [passage] = passages;
      if (passage && (!current || !passages.includes(current))) show(passage, false, passages);
    },
    { signal },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && current) hide(true);
    },
    { signal },
  );
  signal.addEventListener('abort', () => {
    hide();
    if (frame) win.cancelAnimationFrame(frame);
  });

  return {
    focusNext(step = 1) {
      const passages = registry.passages();
      if (passages.length === 0) return false;
      const index = current ? passages.findIndex((p) => p === current) : -1;
      const next = passages[(index + step + passages.length) % passages.length]!;
      reveal(next);
      return true;
    },
    reveal(claim) {
      const passage = registry.passages().find((p) => p.claims.includes(claim));
      if (!passage) return false;
      reveal(passage);
      return true;
    },
    hide: () => hide(),
    isOpen: () => current !== null,
  };
}
