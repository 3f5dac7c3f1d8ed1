import { VERDICT_COLOURS, type VerdictName } from '../verdict/verdict-scale';

/**
 * The fallback for browsers without the CSS Custom Highlight API: translucent boxes over each
 * passage's line boxes, drawn in our shadow root (the page's own elements stay untouched) and
 * redrawn when the layout changes. Boxes ignore the pointer, so links under them still work.
 */
export interface OverlayPainter {
  update(passages: readonly { range: Range; verdict: VerdictName }[]): void;
  destroy(): void;
}

export function createOverlayPainter(root: ShadowRoot): OverlayPainter {
  const doc = root.ownerDocument;
  const layer = doc.createElement('div');
  layer.className = 'overlay-layer';
  layer.setAttribute('aria-hidden', 'true');
  layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;pointer-events:none;';
  root.append(layer);
  let current: readonly { range: Range; verdict: VerdictName }[] = [];
  let frame = 0;

  const draw = () => {
    frame = 0;
    const boxes: HTMLElement[] = [];
    const { scrollX, scrollY } = doc.defaultView ?? { scrollX: 0, scrollY: 0 };
    for (const passage of current) {
      for (const rect of passage.range.getClientRects()) {
        const box = doc.createElement('div');
        box.className = `overlay-box verdict-${passage.verdict}`;
        box.style.cssText =
          `position:absolute;left:${rect.left + scrollX}px;top:${rect.top + scrollY}px;` +
          `width:${rect.width}px;height:${rect.height}px;background:${VERDICT_COLOURS[passage.verdict]};` +
          'opacity:0.45;mix-blend-mode:multiply;border-radius:2px;';
        boxes.push(box);
      }
    }
    layer.replaceChildren(...boxes);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  const resize = new ResizeObserver(schedule);
  resize.observe(doc.documentElement);

  return {
    update(passages) {
      current = passages;
      schedule();
    },
    destroy() {
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
      layer.remove();
    },
  };
}
