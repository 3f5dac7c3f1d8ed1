import type { ClaimView } from '../../messaging/claim-view';
import type { PageNotice } from '../../messaging/protocol';
import { ClaimDetails } from '../ClaimDetails';
import { VerdictBadge } from '../VerdictBadge';

type Notice = { notice: PageNotice; claim: ClaimView };

/**
 * What the page may say but is not highlighted: sentences that state a known claim with other
 * figures ("Numbers differ"), then sentences that may state one in looser words ("Possible
 * matches"), each with why. Page and pack text is rendered as text; links come from EvidenceList.
 */
export function PageNotices({ notices }: { notices: readonly Notice[] }) {
  const figures = notices.filter((n) => n.notice.tier === 'numbers-differ');
  const possible = notices.filter((n) => n.notice.tier === 'possible').sort((a, b) => b.notice.score - a.notice.score);
  return (
    <>
      {figures.length > 0 ? (
        <NoticeSection id="numbers-differ" title="Numbers differ" hint="Not highlighted: these sentences state a known claim with other figures." items={figures} />
      ) : null}
      {possible.length > 0 ? (
        <NoticeSection id="possible-matches" title="Possible matches" hint="Not highlighted: these sentences may state a known claim in other words." items={possible} />
      ) : null}
    </>
  );
}

function NoticeSection({ id, title, hint, items }: { id: string; title: string; hint: string; items: readonly Notice[] }) {
  return (
    <section class="notices" data-tier={items[0]!.notice.tier} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span class="cc-count">({items.length})</span>
      </h2>
      <p class="hint notices-hint">{hint}</p>
      <ul class="notice-list">
        {items.map((item, i) =>
          item.notice.tier === 'numbers-differ' ? (
            <FiguresNotice item={item} key={`${item.notice.claim}:${i}`} />
          ) : (
            <PossibleNotice item={item} key={`${item.notice.claim}:${i}`} />
          ),
        )}
      </ul>
    </section>
  );
}

const figureList = (figures: readonly string[]) => (figures.length > 0 ? figures.join(', ') : 'none given');

function FiguresNotice({ item: { notice, claim } }: { item: Notice }) {
  return (
    <li class="notice" data-tier="numbers-differ" data-claim={claim.key}>
      <p class="notice-claim">
        <VerdictBadge verdict={claim.verdict} rating={claim.rating} /> <span class="claim-title">{claim.statement}</span>
      </p>
      <p class="notice-figures">
        <strong class="notice-flag">Numbers differ</strong>{' '}
        <span class="notice-page-figures">
          This page: <b>{figureList(notice.pageFigures)}</b>
        </span>
        {' · '}
        <span class="notice-claim-figures">
          The claim: <b>{figureList(notice.claimFigures)}</b>
        </span>
      </p>
      <blockquote class="notice-quote">
        {notice.passage}
      </blockquote>
      <p class="notice-compared">
        Compared with: <q class="notice-wording">{notice.claimWording}</q>
      </p>
      <ClaimMore claim={claim} label={`Summary and sources (${claim.evidence.length})`} />
    </li>
  );
}

function PossibleNotice({ item: { notice, claim } }: { item: Notice }) {
  const percent = Math.round(Math.min(1, Math.max(0, notice.score)) * 100);
  return (
    <li class="notice" data-tier="possible" data-claim={claim.key}>
      <p class="notice-claim">
        <VerdictBadge verdict={claim.verdict} rating={claim.rating} /> <span class="claim-title">{claim.statement}</span>
      </p>
      <blockquote class="notice-quote">
        {notice.passage}
      </blockquote>
      <div class="notice-why">
        <p class="notice-score">Shares {percent}% of the claim’s key words</p>
        {notice.shared.length > 0 ? (
          <ul class="notice-terms" aria-label="Shared key words">
            {notice.shared.map((word, i) => (
              <li key={i}>{word}</li>
            ))}
          </ul>
        ) : null}
        {notice.notes.length > 0 ? (
          <ul class="notice-notes" aria-label="Notes">
            {notice.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        ) : null}
        {notice.claimWording !== claim.statement ? (
          <p class="notice-compared">
            Compared with: <q class="notice-wording">{notice.claimWording}</q>
          </p>
        ) : null}
      </div>
      <ClaimMore claim={claim} label={`Summary and sources (${claim.evidence.length})`} />
    </li>
  );
}

/** The claim's summary and sources by stance, the way claim entries show them, folded. */
function ClaimMore({ claim, label }: { claim: ClaimView; label: string }) {
  return (
    <details class="notice-more">
      <summary>{label}</summary>
      <ClaimDetails claim={claim} headingLevel={3} />
    </details>
  );
}
