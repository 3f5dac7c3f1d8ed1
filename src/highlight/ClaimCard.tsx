import type { ClaimView } from '../messaging/claim-view';
import { ClaimDetails } from '../ui/ClaimDetails';
import { groupSameClaims } from '../ui/group-claims';
import { PublisherVerdicts } from '../ui/PublisherVerdicts';

export interface CardPosition {
  left: number;
  top: number;
}

/** The card shown over a highlighted passage: every claim the passage carries. */
export function ClaimCard(props: {
  claims: readonly ClaimView[];
  position: CardPosition;
  onClose: () => void;
  cardRef?: (element: HTMLElement | null) => void;
}) {
  return (
    <div
      class="cc-card"
      role="dialog"
      aria-label={`Crosscheck: ${props.claims.length === 1 ? 'a known claim' : `${props.claims.length} known claims`}`}
      tabIndex={-1}
      ref={props.cardRef}
      style={{ left: `${props.position.left}px`, top: `${props.position.top}px` }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div class="cc-card-head">
        <span class="cc-brand">CROSSCHECK</span>
        <button type="button" class="cc-close" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </div>
      {groupSameClaims(props.claims).map((group) => (
        <div class="cc-group" key={group[0]!.key}>
          <PublisherVerdicts claims={group} />
          {group.map((claim) => (
            <ClaimDetails claim={claim} key={claim.key} headingLevel={3} />
          ))}
        </div>
      ))}
      <p class="cc-hint">Alt+Shift+K: next claim · Esc: close</p>
    </div>
  );
}
