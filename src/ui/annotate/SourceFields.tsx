import type { SourceDraft } from './source-draft';

const STANCES: Array<[SourceDraft['stance'], string]> = [
  ['supports', 'Supports'],
  ['contradicts', 'Contradicts'],
  ['context', 'Adds context'],
];

/** The sources of an annotation, each with its stance and the passage it quotes. */
export function SourceFields(props: {
  sources: readonly SourceDraft[];
  onChange: (sources: SourceDraft[]) => void;
  onAdd: () => void;
}) {
  const update = (index: number, change: Partial<SourceDraft>) =>
    props.onChange(props.sources.map((source, i) => (i === index ? { ...source, ...change } : source)));
  return (
    <fieldset class="panel-sources">
      <legend>Sources</legend>
      {props.sources.map((source, i) => (
        <div class="panel-source" key={i} role="group" aria-label={`Source ${i + 1}`}>
          <label>
            URL
            <input type="url" value={source.url} placeholder="https://" onInput={(e) => update(i, { url: e.currentTarget.value })} />
          </label>
          <label>
            Title
            <input type="text" value={source.title} onInput={(e) => update(i, { title: e.currentTarget.value })} />
          </label>
          <div class="panel-row">
            <label>
              Publisher
              <input type="text" value={source.publisher} onInput={(e) => update(i, { publisher: e.currentTarget.value })} />
            </label>
            <label>
              Date
              <input type="text" value={source.date} placeholder="YYYY-MM-DD" onInput={(e) => update(i, { date: e.currentTarget.value })} />
            </label>
          </div>
          <label>
            Stance
            <select value={source.stance} onChange={(e) => update(i, { stance: e.currentTarget.value as SourceDraft['stance'] })}>
              {STANCES.map(([value, label]) => (
                <option value={value} key={value}>{label}</option>
              ))}
            </select>
          </label>
          <label>
            Quoted passage
            <textarea rows={2} value={source.quote} onInput={(e) => update(i, { quote: e.currentTarget.value })} />
          </label>
          <button type="button" class="secondary" onClick={() => props.onChange(props.sources.filter((_, j) => j !== i))}>
            Remove source {i + 1}
          </button>
        </div>
      ))}
      <button type="button" class="secondary" onClick={props.onAdd}>Add source</button>
    </fieldset>
  );
}
