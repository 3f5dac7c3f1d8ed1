import type { VerdictName } from '../../verdict/verdict-scale';
import {
  isFiltering,
  NO_FILTERS,
  type AnnotationFilterOptions,
  type AnnotationFilters,
  type AnnotationState,
  type FilterOption,
} from './annotation-filters';

type SelectFilter = 'site' | 'tag' | 'verdict' | 'state';

/** The four filters chosen from a list: which, how they are labelled, and where their options are. */
const SELECTS: Array<{ name: SelectFilter; label: string; allLabel: string; options: (o: AnnotationFilterOptions) => FilterOption[] }> = [
  { name: 'site', label: 'Site', allLabel: 'All sites', options: (o) => o.sites },
  { name: 'tag', label: 'Tag', allLabel: 'All tags', options: (o) => o.tags },
  { name: 'verdict', label: 'Verdict', allLabel: 'All verdicts', options: (o) => o.verdicts },
  { name: 'state', label: 'State', allLabel: 'All states', options: (o) => o.states },
];

/** The workspace's filters: site, tag, verdict, anchoring state, free text, and "Clear filters". */
export function AnnotationFilterForm(props: {
  filters: AnnotationFilters;
  options: AnnotationFilterOptions;
  onChange: (filters: AnnotationFilters) => void;
}) {
  const { filters } = props;
  return (
    <form class="annotation-filters" role="search" aria-label="Filter annotations" onSubmit={(event) => event.preventDefault()}>
      {SELECTS.map((select) => (
        <FilterSelect
          key={select.name}
          label={select.label}
          name={select.name}
          allLabel={select.allLabel}
          value={filters[select.name]}
          options={select.options(props.options)}
          // The options offered are values of this filter's own type (verdicts, states, ...).
          onChange={(value) => props.onChange({ ...filters, [select.name]: value as VerdictName & AnnotationState })}
        />
      ))}
      <div class="annotation-filter annotation-filter-text">
        <label for="annotation-filter-text">Search annotations</label>
        <input
          id="annotation-filter-text"
          type="search"
          data-filter="text"
          placeholder="Words in the claim, the passage or the tags"
          value={filters.text}
          onInput={(event) => props.onChange({ ...filters, text: event.currentTarget.value })}
        />
      </div>
      <button
        type="button"
        class="annotation-clear"
        data-filter="clear"
        disabled={!isFiltering(filters)}
        onClick={() => props.onChange(NO_FILTERS)}
      >
        Clear filters
      </button>
    </form>
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
