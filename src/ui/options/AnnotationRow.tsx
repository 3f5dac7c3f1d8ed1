import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnnotationRecord } from '../../annotations/annotation-record';
import { askBackground } from '../../messaging/ui-client';
import { VerdictBadge } from '../VerdictBadge';
import { annotationState, describeAnnotationState, siteOf } from './annotation-filters';
import { annotationPassageUrl } from './annotation-links';

/** Characters of a quoted passage shown in a row. */
const QUOTE_CHARS = 600;

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

function When(props: { ms: number }) {
  if (!Number.isFinite(props.ms)) return <span>an unknown date</span>;
  const date = new Date(props.ms);
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time>;
}

const shortQuote = (exact: string): string => {
  const text = exact.replace(/\s+/g, ' ').trim();
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS).trimEnd()}…` : text;
};

/**
 * One annotation of the workspace: its claim, passage, page, tags and state, with "Open at
 * passage", Edit and Delete; after its own delete, "Deleted." with Undo.
 */
export function AnnotationRow(props: {
  record: AnnotationRecord;
  /** deleted from this page: shown as "Deleted. Undo" */
  undoable: boolean;
  onEdit: (from: HTMLElement) => void;
  onDeleted: () => void;
}) {
  const { record } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  /** where focus goes after this row's own delete or undo (the button pressed is gone) */
  const moveFocus = useRef(false);
  const isDeleted = record.deletedAt !== undefined;
  const state = annotationState(record);
  const headingId = `annotation-claim-${record.id.replace(/[^\w-]/g, '_')}`;

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    (isDeleted ? undoRef : deleteRef).current?.focus();
  }, [isDeleted]);

  const ask = async (type: 'ui/delete-annotation' | 'ui/restore-annotation') => {
    setBusy(true);
    setError(null);
    try {
      const reply = await askBackground({ type, id: record.id });
      if (!reply.ok) return setError(reply.error);
      moveFocus.current = true;
      // Kept in the set after an undo too: the row stays mounted until the database says it is back.
      if (type === 'ui/delete-annotation') props.onDeleted();
    } catch (failure) {
      setError((failure as Error)?.message ?? String(failure));
    } finally {
      setBusy(false);
    }
  };

  const common = {
    'data-annotation': record.id,
    'data-state': state,
    'data-verdict': record.claim.verdict,
    'data-site': siteOf(record),
  };

  if (isDeleted && props.undoable)
    return (
      <li class="annotation annotation-deleted" {...common} data-deleted="">
        <p class="annotation-deleted-note">
          <span role="status">Deleted.</span>{' '}
          <span class="muted">{record.claim.statement}</span>
        </p>
        <div class="annotation-actions">
          <button type="button" ref={undoRef} data-action="undo" disabled={busy} onClick={() => void ask('ui/restore-annotation')}>
            Undo
          </button>
        </div>
        {error ? <p class="import-status error" role="alert">{error}</p> : null}
      </li>
    );

  const link = annotationPassageUrl(record);
  const site = siteOf(record);
  return (
    <li class="annotation" {...common}>
      <h3 class="annotation-claim" id={headingId}>
        <VerdictBadge verdict={record.claim.verdict} /> <span class="annotation-statement">{record.claim.statement}</span>
      </h3>
      <blockquote class="annotation-quote">{shortQuote(record.target.quote.exact)}</blockquote>
      <p class="annotation-page">
        <span class="annotation-page-title">{record.pageTitle || record.pageUrl}</span>
        {site ? <span class="annotation-site"> · {site}</span> : null}
      </p>
      {record.tags.length ? (
        <ul class="annotation-tags">
          {record.tags.map((tag) => (
            <li key={tag} class="tag">{tag}</li>
          ))}
        </ul>
      ) : null}
      <p class="annotation-meta">
        <span class={`annotation-state annotation-state-${state}`}>{describeAnnotationState(record)}</span>
        {' · '}
        Created <When ms={record.created} />
        {record.modified !== record.created ? (
          <>
            {' · '}modified <When ms={record.modified} />
          </>
        ) : null}
      </p>
      <div class="annotation-actions">
        {link ? (
          <a href={link} target="_blank" rel="noopener noreferrer" data-action="open" aria-describedby={headingId}>
            Open at passage
          </a>
        ) : null}
        <button
          type="button"
          data-action="edit"
          aria-describedby={headingId}
          onClick={(event) => props.onEdit(event.currentTarget)}
        >
          Edit
        </button>
        <button
          type="button"
          ref={deleteRef}
          class="danger"
          data-action="delete"
          aria-describedby={headingId}
          disabled={busy}
          onClick={() => void ask('ui/delete-annotation')}
        >
          Delete
        </button>
      </div>
      {error ? <p class="import-status error" role="alert">{error}</p> : null}
    </li>
  );
}
