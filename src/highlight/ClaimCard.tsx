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
  onEditAnnotation?: (id: string) => void;
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
            <div key={claim.key}>
              {claim.annotation ? <AnnotationLine claim={claim} onEdit={props.onEditAnnotation} /> : null}
              <ClaimDetails claim={claim} headingLevel={3} />
            </div>
          ))}
        </div>
      ))}
      <p class="cc-hint">Alt+Shift+K: next claim · Esc: close</p>
    </div>
  );
}

/** Says that this is the reader's own tagged passage, how surely it was re-found, and offers Edit. */
function AnnotationLine(props: { claim: ClaimView; onEdit: ((id: string) => void) | undefined }) {
  const annotation = props.claim.annotation!;
  const state =
    annotation.state === 'uncertain'
      ? `Uncertain match (score ${(annotation.score ?? 0).toFixed(2)}): the page changed since you tagged it`
      : 'Anchored';
  return (
    <p class="cc-annotation">
      <span>Your annotation</span>
      <span class="cc-annotation-state" data-state={annotation.state ?? 'anchored'}>{state}</span>
      {props.onEdit ? (
        <button type="button" class="cc-edit" onClick={() => props.onEdit!(annotation.id)}>
          Edit
        </button>
      ) : null}
    </p>
  );
}
