import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AnnotationRecordSchema } from '../../annotations/annotation-record';
import { database } from '../../db/crosscheck-database';
import { validRows } from '../../db/records';
import { useLiveQuery } from '../use-live-query';
import { downloadAllAnnotations, downloadAnnotations } from './annotation-export';
import { countLabel, filterAnnotations, filterOptions, isFiltering, NO_FILTERS, type AnnotationFilters } from './annotation-filters';
import { AnnotationEditDialog } from './AnnotationEditDialog';
import { AnnotationFilterForm } from './AnnotationFilterForm';
import { AnnotationImport } from './AnnotationImport';
import { AnnotationRow } from './AnnotationRow';

/** Rows rendered at first, and added by "Show more": a Hypothesis import may bring thousands. */
const PAGE_SIZE = 100;


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

      <AnnotationFilterForm
        filters={filters}
        options={options}
        onChange={(next) => {
          setFilters(next);
          setLimit(PAGE_SIZE);
        }}
      />

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
