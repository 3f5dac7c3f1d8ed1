import { useEffect, useState } from 'preact/hooks';
import type { ClaimView } from '../../messaging/claim-view';
import { askBackground } from '../../messaging/ui-client';
import { VerdictBadge } from '../VerdictBadge';

/**
 * The annotator's passages on this page with what anchoring found: anchored, uncertain (with its
 * score) or orphaned. An orphan is re-attached by selecting its passage again on the page.
 */
export function PageAnnotations({ tabId }: { tabId: number }) {
  const [annotations, setAnnotations] = useState<ClaimView[] | null>(null);
  const [message, setMessage] = useState<{ id: string; text: string } | null>(null);
  const [deleted, setDeleted] = useState<string[]>([]);

  const load = async () => {
    const reply = await askBackground({ type: 'ui/page-annotations', tabId });
    setAnnotations(reply.ok ? reply.annotations : []);
  };
  useEffect(() => {
    void load();
  }, [tabId]);

  if (!annotations || (annotations.length === 0 && deleted.length === 0)) return null;

  const act = async (id: string, run: () => Promise<{ ok: true } | { ok: false; error: string }>, done?: string) => {
    const reply = await run();
    setMessage(reply.ok ? (done ? { id, text: done } : null) : { id, text: reply.error });
    await load();
  };

  return (
    <section class="annotations" aria-labelledby="annotations-heading">
      <h2 id="annotations-heading">Your annotations ({annotations.length})</h2>
      {deleted.map((id) => (
        <p class="annotation-deleted" key={id} role="status">
          Annotation deleted.{' '}
          <button
            type="button"
            class="link"
            onClick={() =>
              void act(id, async () => {
                const reply = await askBackground({ type: 'ui/restore-annotation', id });
                if (reply.ok) setDeleted((list) => list.filter((other) => other !== id));
                return reply;
              })
            }
          >
            Undo
          </button>
        </p>
      ))}
      <ul class="annotation-list">
        {annotations.map((view) => {
          const annotation = view.annotation!;
          const state = annotation.state ?? 'unchecked';
          return (
            <li class="annotation" data-annotation={annotation.id} data-state={state} key={annotation.id}>
              <p class="annotation-claim">
                <VerdictBadge verdict={view.verdict} /> <span class="claim-title">{view.statement}</span>
              </p>
              <blockquote class="annotation-quote">{annotation.quote}</blockquote>
              <p class="annotation-state">
                {state === 'anchored'
                  ? 'Anchored'
                  : state === 'uncertain'
                    ? `Uncertain, score ${(annotation.score ?? 0).toFixed(2)}`
                    : state === 'orphaned'
                      ? 'Orphaned: not found on this page'
                      : 'Not checked yet: reload the page'}
              </p>
              <div class="annotation-actions">
                {state === 'orphaned' ? (
                  <button
                    type="button"
                    class="link"
                    title="Select the passage on the page first"
                    onClick={() =>
                      void act(annotation.id, () => askBackground({ type: 'ui/reattach-annotation', tabId, id: annotation.id }), 'Re-attached to the selected passage.')
                    }
                  >
                    Re-attach to selection
                  </button>
                ) : (
                  <button type="button" class="link" onClick={() => void askBackground({ type: 'ui/reveal-annotation', tabId, id: annotation.id })}>
                    Show on page
                  </button>
                )}
                <button
                  type="button"
                  class="link"
                  onClick={() =>
                    void act(annotation.id, async () => {
                      const reply = await askBackground({ type: 'ui/delete-annotation', id: annotation.id });
                      if (reply.ok) setDeleted((list) => [...list, annotation.id]);
                      return reply;
                    })
                  }
                >
                  Delete
                </button>
              </div>
              {message?.id === annotation.id ? <p role="status" class="annotation-message">{message.text}</p> : null}
            </li>
          );
        })}
      </ul>
      {message && !annotations.some((a) => a.annotation?.id === message.id) ? <p role="status">{message.text}</p> : null}
      {annotations.some((a) => a.annotation?.state === 'orphaned') ? (
        <p class="hint">To re-attach an orphan: select its passage on the page, open this popup, choose “Re-attach to selection”.</p>
      ) : null}
    </section>
  );
}
