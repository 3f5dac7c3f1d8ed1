import { createPortal } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AnnotationRecordSchema, type AnnotationRecord } from '../../annotations/annotation-record';
import { database } from '../../db/crosscheck-database';
import { validRows } from '../../db/records';
import { askBackground } from '../../messaging/ui-client';
import type { VerdictName } from '../../verdict/verdict-scale';
import { AnnotatePanel } from '../annotate/AnnotatePanel';
import { useLiveQuery } from '../use-live-query';
import { VerdictBadge } from '../VerdictBadge';
import { downloadAllAnnotations, downloadAnnotations } from './annotation-export';
import {
  annotationState,
  countLabel,
  describeAnnotationState,
  filterAnnotations,
  filterOptions,
  isFiltering,
  NO_FILTERS,
  siteOf,
  type AnnotationFilters,
  type AnnotationState,
  type FilterOption,
} from './annotation-filters';
import { annotationPassageUrl } from './annotation-links';
import { AnnotationImport } from './AnnotationImport';

/** Rows rendered at first, and added by "Show more": a Hypothesis import may bring thousands. */
const PAGE_SIZE = 100;
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
 * "Your annotations": the annotator's workspace on the options page. Every live annotation,
 * newest modified first, with filters (site, tag, verdict, anchoring state, free text), a link that
 * opens the page at the passage, editing (the tagging panel's form, in a dialog), deleting with
 * undo, export as W3C JSON-LD and import. It follows the database live, so edits made in a page's
 * panel, anchoring results and imports show up by themselves.
 */
export function AnnotationWorkspace() {
  const records = useLiveQuery(
    async () => validRows(AnnotationRecordSchema, await database().annotations.toArray(), 'annotation'),
    [],
  );
  const [filters, setFilters] = useState<AnnotationFilters>(NO_FILTERS);
  const [limit, setLimit] = useState(PAGE_SIZE);
  /** annotations deleted from this page: shown with an Undo (while deleted) until the page is left */
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const all = records ?? [];
  const options = useMemo(() => filterOptions(all), [records]);
  const shown = useMemo(() => filterAnnotations(all, filters, { keepDeleted: deleted }), [records, filters, deleted]);
  const matching = useMemo(() => shown.filter((record) => record.deletedAt === undefined), [shown]);
  const filtering = isFiltering(filters);

  const setFilter = <K extends keyof AnnotationFilters>(key: K, value: AnnotationFilters[K]) => {
    setFilters((current) => ({ ...current, [key]: value }));
    setLimit(PAGE_SIZE);
  };

  const exportRecords = async (which: 'all' | 'filtered') => {
    try {
      const count = which === 'all' ? await downloadAllAnnotations() : downloadAnnotations(matching);
      setNotice({ kind: 'ok', message: `Exported ${count} ${count === 1 ? 'annotation' : 'annotations'}.` });
    } catch (error) {
      setNotice({ kind: 'error', message: `The export failed: ${(error as Error)?.message ?? String(error)}` });
    }
  };

  const openEditor = (id: string, from: HTMLElement) => {
    returnFocus.current = from;
    setEditing(id);
  };
  const closeEditor = (id: string) => {
    // The panel closes itself a moment after saving: by then another editor may be open.
    setEditing((current) => (current === id ? null : current));
  };
  useEffect(() => {
    if (editing === null && returnFocus.current?.isConnected) returnFocus.current.focus();
  }, [editing]);

  return (
    <section aria-labelledby="annotations-title" class="annotation-workspace">
      <h2 id="annotations-title">Your annotations</h2>
      <p class="muted">
        Passages you tagged with a claim. They stay in this browser; export them to share or keep a copy.
      </p>

      <div class="annotation-toolbar">
        <button
          type="button"
          data-export="all"
          disabled={options.total === 0}
          onClick={() => void exportRecords('all')}
        >
          Export annotations (W3C JSON-LD)
        </button>
        <button
          type="button"
          data-export="filtered"
          disabled={!filtering || matching.length === 0}
          onClick={() => void exportRecords('filtered')}
        >
          Export the {matching.length} shown (W3C JSON-LD)
        </button>
        <AnnotationImport />
      </div>
      {notice ? (
        <p
          class={`import-status ${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-annotation-export-status={notice.kind}
        >
          {notice.message}
        </p>
      ) : null}

      <form class="annotation-filters" role="search" aria-label="Filter annotations" onSubmit={(event) => event.preventDefault()}>
        <FilterSelect
          label="Site"
          name="site"
          allLabel="All sites"
          value={filters.site}
          options={options.sites}
          onChange={(value) => setFilter('site', value)}
        />
        <FilterSelect
          label="Tag"
          name="tag"
          allLabel="All tags"
          value={filters.tag}
          options={options.tags}
          onChange={(value) => setFilter('tag', value)}
        />
        <FilterSelect
          label="Verdict"
          name="verdict"
          allLabel="All verdicts"
          value={filters.verdict}
          options={options.verdicts}
          onChange={(value) => setFilter('verdict', value as VerdictName | '')}
        />
        <FilterSelect
          label="State"
          name="state"
          allLabel="All states"
          value={filters.state}
          options={options.states}
          onChange={(value) => setFilter('state', value as AnnotationState | '')}
        />
        <div class="annotation-filter annotation-filter-text">
          <label for="annotation-filter-text">Search annotations</label>
          <input
            id="annotation-filter-text"
            type="search"
            data-filter="text"
            placeholder="Words in the claim, the passage or the tags"
            value={filters.text}
            onInput={(event) => setFilter('text', event.currentTarget.value)}
          />
        </div>
        <button
          type="button"
          class="annotation-clear"
          data-filter="clear"
          disabled={!filtering}
          onClick={() => {
            setFilters(NO_FILTERS);
            setLimit(PAGE_SIZE);
          }}
        >
          Clear filters
        </button>
      </form>

      {records === undefined ? null : (
        <p class="muted annotation-count" role="status" data-annotation-count={`${matching.length}/${options.total}`}>
          {countLabel(matching.length, options.total)}
          {options.total === 0
            ? '. Select a passage on a page and choose “Tag claim” to add one.'
            : matching.length === 0
              ? '. None matches these filters.'
              : ''}
        </p>
      )}

      <ul class="annotation-list" aria-label="Annotations">
        {shown.slice(0, limit).map((record) => (
          <AnnotationRow
            key={record.id}
            record={record}
            undoable={deleted.has(record.id)}
            onEdit={(from) => openEditor(record.id, from)}
            onDeleted={() => setDeleted((current) => new Set(current).add(record.id))}
          />
        ))}
      </ul>
      {shown.length > limit ? (
        <button type="button" class="annotation-more" data-annotation-more="" onClick={() => setLimit(limit + PAGE_SIZE)}>
          Show {Math.min(PAGE_SIZE, shown.length - limit)} more
        </button>
      ) : null}

      {editing !== null ? <AnnotationEditDialog id={editing} onClose={() => closeEditor(editing)} /> : null}
    </section>
  );
}

function FilterSelect(props: {
  label: string;
  name: keyof AnnotationFilters;
  allLabel: string;
  value: string;
  options: FilterOption[];
  onChange: (value: string) => void;
}) {
  // A chosen value whose last annotation went (deleted, or its tag removed) stays selectable.
  const options =
    props.value && !props.options.some((option) => option.value === props.value)
      ? [...props.options, { value: props.value, label: props.value, count: 0 }]
      : props.options;
  const id = `annotation-filter-${props.name}`;
  return (
    <div class={`annotation-filter annotation-filter-${props.name}`}>
      <label for={id}>{props.label}</label>
      <select id={id} data-filter={props.name} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        <option value="">{props.allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label} ({option.count})
          </option>
        ))}
      </select>
    </div>
  );
}

function AnnotationRow(props: {
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

/**
 * The tagging panel's form for one annotation, in a modal dialog. It is put at the end of the
 * body, beside the options page's <main>, since the panel is a <main> of its own.
 */
function AnnotationEditDialog(props: { id: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  return createPortal(
    <dialog
      ref={ref}
      class="annotation-dialog"
      aria-label="Edit annotation"
      data-annotation-editor={props.id}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <AnnotatePanel key={props.id} params={{ annotationId: props.id }} onClose={props.onClose} />
    </dialog>,
    document.body,
  );
}
