import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_ANNOTATION_FILE_BYTES } from '../../annotations/read-import-json';
import { formatBytes } from '../../background/subscriptions/fetch-pack-document';
import { MAX_MESSAGE_CHARS } from '../../messaging/limits';
import type { ImportAnnotationsReply } from '../../messaging/protocol';
import { askBackground } from '../../messaging/ui-client';

/** Warnings listed at most; the rest are counted. */
export const SHOWN_WARNINGS = 10;

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; fileName: string }
  | { kind: 'done'; added: number; duplicates: number; warnings: string[] }
  | { kind: 'error'; message: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Imported 3 annotations (1 already there)." */
export function importSummary(reply: { added: number; duplicates: number }): string {
  return `Imported ${plural(reply.added, 'annotation', 'annotations')} (${reply.duplicates} already there).`;
}

/**
 * Imports an annotation file: a W3C AnnotationCollection (our own exports and others'), single
 * annotations, or a Hypothesis export. The background parses, deduplicates and stores it; the
 * workspace list follows the database, so new rows appear by themselves.
 *
 * The file input appears once "Import annotations…" is pressed: the pack import above stays the
 * page's only file input until then.
 */
export function AnnotationImport() {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  const importFile = async (file: File) => {
    setStatus({ kind: 'busy', fileName: file.name });
    try {
      if (file.size > MAX_ANNOTATION_FILE_BYTES)
        return setStatus({
          kind: 'error',
          message: `${file.name}: The file is ${formatBytes(file.size)}; annotation files are limited to ${formatBytes(MAX_ANNOTATION_FILE_BYTES)}. Nothing was imported.`,
        });
      const text = await file.text();
      if (text.length > MAX_MESSAGE_CHARS)
        return setStatus({
          kind: 'error',
          message: `${file.name}: The file is too large to import at once (${formatBytes(file.size)}); split it into smaller files. Nothing was imported.`,
        });
      const reply: ImportAnnotationsReply = await askBackground({ type: 'ui/import-annotations', fileName: file.name.slice(0, 300), text });
      if (!reply.ok) return setStatus({ kind: 'error', message: reply.error });
      setStatus({ kind: 'done', added: reply.added, duplicates: reply.duplicates, warnings: reply.warnings });
    } catch (error) {
      setStatus({ kind: 'error', message: `${file.name}: the import failed: ${(error as Error)?.message ?? String(error)}` });
    }
  };

  return (
    <div class="annotation-import">
      <button
        type="button"
        class="annotation-import-toggle"
        aria-expanded={open}
        aria-controls="annotation-import-panel"
        data-annotation-import-toggle=""
        onClick={() => setOpen(!open)}
      >
        Import annotations…
      </button>
      {open ? (
        <div id="annotation-import-panel" class="annotation-import-panel">
          <label class="file">
            Annotation file (W3C Web Annotation .jsonld / .json, or a Hypothesis export)
            <input
              ref={inputRef}
              type="file"
              accept=".json,.jsonld,application/json,application/ld+json"
              data-annotation-import=""
              disabled={status.kind === 'busy'}
              onChange={(event) => {
                const input = event.currentTarget;
                const file = input.files?.[0];
                if (file) void importFile(file).finally(() => (input.value = ''));
              }}
            />
          </label>
        </div>
      ) : null}
      {status.kind === 'error' ? (
        <pre class="import-status error" role="alert" data-annotation-import-status="error">{status.message}</pre>
      ) : status.kind === 'done' ? (
        <div class="import-status ok" role="status" data-annotation-import-status="done">
          <p class="annotation-import-summary">{importSummary(status)}</p>
          {status.warnings.length ? (
            <>
              <ul class="annotation-import-warnings" aria-label="Import warnings">
                {status.warnings.slice(0, SHOWN_WARNINGS).map((warning, i) => (
                  <li key={i}>{warning}</li>
                ))}
              </ul>
              {status.warnings.length > SHOWN_WARNINGS ? (
                <p class="annotation-import-more">
                  and {plural(status.warnings.length - SHOWN_WARNINGS, 'more warning', 'more warnings')}
                </p>
              ) : null}
            </>
          ) : null}
        </div>
      ) : status.kind === 'busy' ? (
        <p class="import-status" role="status" data-annotation-import-status="busy">
          Importing {status.fileName}…
        </p>
      ) : null}
    </div>
  );
}
