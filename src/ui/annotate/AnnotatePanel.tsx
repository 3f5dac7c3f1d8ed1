import { useEffect, useRef, useState } from 'preact/hooks';
import { OWN_PACK_ID, type AnnotationRecord } from '../../annotations/annotation-record';
import { SaveAnnotationSchema, type TagDraft } from '../../annotations/save-annotation-input';
import type { ClaimChoice } from '../../messaging/protocol';
import { askBackground } from '../../messaging/ui-client';
import type { Verdict } from '../../schema/verdict';
import { VERDICTS, VERDICT_LABELS } from '../../verdict/verdict-scale';
import { VerdictBadge } from '../VerdictBadge';
import { describeIssue } from './describe-issue';
import { SourceFields } from './SourceFields';
import { emptySource, parseTags, sourceDraftOf, sourcesToSave, type SourceDraft } from './source-draft';

/**
 * The annotator's form: the selected passage, the claim it carries (a new one of the user's own,
 * or an existing claim found by search), tags and sources. Used in the tagging panel the content
 * script opens beside the page (annotate.html, a frame of ours the page cannot read), and in the
 * options page's workspace to edit. Everything goes through the background: inside a web page,
 * Chromium may deny this frame IndexedDB as a third-party context.
 */
export interface PanelParams {
  draftId?: string;
  annotationId?: string;
}

export function panelParams(search: string): PanelParams {
  const query = new URLSearchParams(search);
  const draftId = query.get('draft');
  const annotationId = query.get('annotation');
  return { ...(draftId ? { draftId } : {}), ...(annotationId ? { annotationId } : {}) };
}

type Loaded =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; quote: string; pageTitle: string; pageUrl: string; existing?: AnnotationRecord };

const CLOSE_AFTER_SAVE_MS = 600;

export function AnnotatePanel(props: { params: PanelParams; onClose?: () => void; onSaved?: (id: string) => void }) {
  const close = props.onClose ?? (() => void askBackground({ type: 'ui/close-panel' }));
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [mode, setMode] = useState<'own' | 'existing'>('own');
  const [statement, setStatement] = useState('');
  const [verdict, setVerdict] = useState<Verdict>('unverified');
  const [summary, setSummary] = useState('');
  const [tags, setTags] = useState('');
  const [sources, setSources] = useState<SourceDraft[]>([]);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ClaimChoice[]>([]);
  const [chosen, setChosen] = useState<ClaimChoice | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState<'editing' | 'saving' | 'saved' | 'deleted'>('editing');
  const statementRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void (async () => {
      if (props.params.annotationId) {
        const reply = await askBackground({ type: 'ui/get-annotation', id: props.params.annotationId });
        if (!reply.ok) return setLoaded({ kind: 'error', message: reply.error });
        const record = reply.annotation;
        const own = record.claimKey.startsWith(`${OWN_PACK_ID}/`);
        setMode(own ? 'own' : 'existing');
        setStatement(record.claim.statement);
        setVerdict(record.claim.verdict);
        setSummary(record.claim.summary);
        setTags(record.tags.join(', '));
        setSources(record.sources.map(sourceDraftOf));
        if (!own) setChosen(reply.claim);
        setLoaded({ kind: 'ready', quote: record.target.quote.exact, pageTitle: record.pageTitle, pageUrl: record.pageUrl, existing: record });
        return;
      }
      if (!props.params.draftId) return setLoaded({ kind: 'error', message: 'Select a passage on a page, then choose “Tag claim”.' });
      const reply = await askBackground({ type: 'ui/get-draft', draftId: props.params.draftId });
      if (!reply.ok) return setLoaded({ kind: 'error', message: reply.error });
      const draft: TagDraft = reply.draft;
      setStatement(draft.target.quote.exact.replace(/\s+/g, ' ').trim().slice(0, 1000));
      setLoaded({ kind: 'ready', quote: draft.target.quote.exact, pageTitle: draft.pageTitle, pageUrl: draft.pageUrl });
    })();
  }, [props.params.annotationId, props.params.draftId]);

  useEffect(() => {
    if (loaded.kind === 'ready') statementRef.current?.focus();
  }, [loaded.kind]);

  // Keys typed in this frame never reach the page, so Escape is heard here.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [close]);

  useEffect(() => {
    if (mode !== 'existing') return;
    let current = true;
    void askBackground({ type: 'ui/search-claims', query }).then((reply) => current && setResults(reply.ok ? reply.claims : []));
    return () => {
      current = false;
    };
  }, [mode, query]);

  if (loaded.kind === 'loading') return <main class="panel" aria-busy="true" />;
  if (loaded.kind === 'error')
    return (
      <main class="panel">
        <PanelHead title="Tag claim" onClose={close} />
        <p role="alert" class="panel-error">{loaded.message}</p>
      </main>
    );

  const editing = loaded.existing;

  async function save(event: Event) {
    event.preventDefault();
    const input = {
      ...(editing ? { id: editing.id } : { draftId: props.params.draftId }),
      claim:
        mode === 'own'
          ? { kind: 'own' as const, statement, verdict, summary }
          : { kind: 'existing' as const, claimKey: chosen?.key ?? '' },
      tags: parseTags(tags),
      sources: sourcesToSave(sources),
    };
    if (mode === 'existing' && !chosen) return setErrors(['Existing claim: choose one from the search results.']);
    const parsed = SaveAnnotationSchema.safeParse(input);
    if (!parsed.success) return setErrors(parsed.error.issues.map(describeIssue));
    setErrors([]);
    setStatus('saving');
    const reply = await askBackground({ type: 'ui/save-annotation', ...parsed.data });
    if (!reply.ok) {
      setStatus('editing');
      return setErrors([reply.error]);
    }
    setStatus('saved');
    props.onSaved?.(reply.id);
    setTimeout(close, CLOSE_AFTER_SAVE_MS);
  }

  async function remove() {
    if (!editing) return;
    const reply = await askBackground({ type: 'ui/delete-annotation', id: editing.id });
    if (!reply.ok) return setErrors([reply.error]);
    setStatus('deleted');
  }

  async function undo() {
    if (!editing) return;
    const reply = await askBackground({ type: 'ui/restore-annotation', id: editing.id });
    if (!reply.ok) return setErrors([reply.error]);
    setStatus('editing');
  }

  if (status === 'deleted')
    return (
      <main class="panel">
        <PanelHead title="Annotation deleted" onClose={close} />
        <p role="status">The annotation and its highlight are gone.</p>
        {errors.length ? <p role="alert" class="panel-error">{errors[0]}</p> : null}
        <div class="panel-actions">
          <button type="button" onClick={() => void undo()}>Undo</button>
          <button type="button" class="secondary" onClick={close}>Close</button>
        </div>
      </main>
    );

  return (
    <main class="panel">
      <PanelHead title={editing ? 'Edit annotation' : 'Tag claim'} onClose={close} />
      <form onSubmit={(event) => void save(event)} noValidate>
        <figure class="panel-passage">
          <blockquote>{loaded.quote}</blockquote>
          <figcaption>{loaded.pageTitle || loaded.pageUrl}</figcaption>
        </figure>

        <fieldset class="panel-mode">
          <legend>Claim</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'own'} onChange={() => setMode('own')} /> New claim
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'existing'} onChange={() => setMode('existing')} /> Existing claim
          </label>
        </fieldset>

        {mode === 'own' ? (
          <div class="panel-claim">
            <label>
              Statement
              <textarea ref={statementRef} rows={3} value={statement} onInput={(e) => setStatement(e.currentTarget.value)} />
            </label>
            <label>
              Verdict
              <select value={verdict} onChange={(e) => setVerdict(e.currentTarget.value as Verdict)}>
                {VERDICTS.map((v) => (
                  <option value={v} key={v}>{VERDICT_LABELS[v]}</option>
                ))}
              </select>
            </label>
            <label>
              Summary
              <textarea rows={3} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
            </label>
          </div>
        ) : (
          <div class="panel-claim">
            <label>
              Search claims
              <input type="search" value={query} placeholder="words from the claim" onInput={(e) => setQuery(e.currentTarget.value)} />
            </label>
            {chosen ? (
              <p class="panel-chosen">
                <VerdictBadge verdict={chosen.verdict} /> {chosen.statement}
              </p>
            ) : null}
            <ul class="panel-results" aria-label="Matching claims">
              {results.map((claim) => (
                <li key={claim.key}>
                  <button
                    type="button"
                    aria-pressed={chosen?.key === claim.key}
                    onClick={() => setChosen(claim)}
                  >
                    <VerdictBadge verdict={claim.verdict} /> {claim.statement} <span class="muted">· {claim.pack}</span>
                  </button>
                </li>
              ))}
              {results.length === 0 ? <li class="muted">No claim has all these words.</li> : null}
            </ul>
          </div>
        )}

        <label>
          Tags <span class="muted">(comma-separated)</span>
          <input type="text" value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
        </label>

        <SourceFields sources={sources} onChange={setSources} onAdd={() => setSources([...sources, emptySource()])} />

        {errors.length ? (
          <ul role="alert" class="panel-error">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        ) : null}
        {status === 'saved' ? <p role="status">Saved.</p> : null}
        <div class="panel-actions">
          <button type="submit" disabled={status !== 'editing'}>{status === 'saving' ? 'Saving…' : 'Save'}</button>
          <button type="button" class="secondary" onClick={close}>Cancel</button>
          {editing ? (
            <button type="button" class="danger" onClick={() => void remove()}>Delete</button>
          ) : null}
        </div>
      </form>
    </main>
  );
}

function PanelHead(props: { title: string; onClose: () => void }) {
  return (
    <header class="panel-head">
      <h1>{props.title}</h1>
      <button type="button" class="panel-close" aria-label="Close" onClick={props.onClose}>×</button>
    </header>
  );
}


