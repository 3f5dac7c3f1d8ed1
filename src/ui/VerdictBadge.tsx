import { VERDICT_COLOURS, VERDICT_LABELS, type VerdictName } from '../verdict/verdict-scale';

export function VerdictBadge({ verdict, rating }: { verdict: VerdictName; rating?: string | undefined }) {
  const label = VERDICT_LABELS[verdict];
  return (
    <span class={`cc-verdict cc-verdict-${verdict}`} style={{ background: VERDICT_COLOURS[verdict] }}>
      {label}
      {rating && rating.toLowerCase() !== label.toLowerCase() ? <span class="cc-rating"> ({rating})</span> : null}
    </span>
  );
}
