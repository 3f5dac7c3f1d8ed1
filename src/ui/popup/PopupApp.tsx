import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ClaimView } from '../../messaging/claim-view';
import type { TabClaimsReply } from '../../messaging/protocol';
import { tabStateKey } from '../../messaging/tab-state-key';
import { askBackground } from '../../messaging/ui-client';
import { VERDICTS, VERDICT_LABELS } from '../../verdict/verdict-scale';
import { ClaimDetails } from '../ClaimDetails';
import { groupSameClaims } from '../group-claims';
import { PublisherVerdicts } from '../PublisherVerdicts';
import { VerdictBadge } from '../VerdictBadge';
import { PageAnnotations } from './PageAnnotations';
import { PageNotices } from './PageNotices';

/** `popup.html?tab=<id>` shows that tab; opened from the toolbar it shows the active tab. */
async function targetTabId(): Promise<number | null> {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | ({ kind: 'ready'; tabId: number } & Extract<TabClaimsReply, { ok: true }>);

export function PopupApp() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const loads = useRef(0);
  const load = async () => {
    // Reloads can overlap when the tab's record changes quickly: only the latest may show.
    const mine = ++loads.current;
    const tabId = await targetTabId();
    if (mine !== loads.current) return;
    if (tabId === null) return setState({ kind: 'error', message: 'No tab to show.' });
    const reply = await askBackground({ type: 'ui/tab-claims', tabId });
    if (mine !== loads.current) return;
    setState(reply.ok ? { kind: 'ready', tabId, ...reply } : { kind: 'error', message: reply.error });
  };
  useEffect(() => {
    void load();
    // Possible matches are looked for after the page is highlighted, and text the page loads later
    // adds claims: the popup follows the tab's record rather than showing the first one it read.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'session') return;
      void targetTabId().then((tabId) => {
        if (tabId !== null && tabStateKey(tabId) in changes) void load();
      });
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  if (state.kind === 'loading') return <main class="popup" aria-busy="true" />;
  if (state.kind === 'error') return <main class="popup"><p role="alert">{state.message}</p></main>;

  const togglePause = async () => {
    if (!state.host) return;
    await askBackground({ type: 'ui/set-site-paused', host: state.host, paused: !state.paused });
    await load();
  };

  return (
    <main class="popup">
      <header class="popup-head">
        <h1>Crosscheck</h1>
        {state.host ? (
          <label class="switch">
            <input type="checkbox" role="switch" checked={!state.paused} onChange={() => void togglePause()} />
            <span>{state.paused ? 'Paused' : 'On'} for {state.host}</span>
          </label>
        ) : null}
      </header>
      <Body state={state} />
      {state.host && !state.paused ? <PageAnnotations tabId={state.tabId} /> : null}
      <footer class="popup-foot">
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Packs and claims
        </button>
      </footer>
    </main>
  );
}

function Body({ state }: { state: Extract<State, { kind: 'ready' }> }) {
  if (!state.host) return <p class="status">Crosscheck reads web pages (http and https) only.</p>;
  if (state.paused) return <p class="status">Crosscheck is paused on {state.host}: no highlights, no cards.</p>;
  if (state.claims.length === 0 && state.notices.length === 0) return <p class="status">No known claims on this page.</p>;
  const groups = groupSameClaims(state.claims);
  return (
    <>
      <p class="status">
        {groups.length === 0
          ? 'No known claims highlighted on this page.'
          : `${groups.length} known claim${groups.length === 1 ? '' : 's'} on this page`}
      </p>
      {VERDICTS.map((verdict) => {
        // A claim several packs checked is listed once, under its first pack's verdict.
        const ofVerdict = groups.filter((group) => group[0]!.verdict === verdict);
        if (ofVerdict.length === 0) return null;
        return (
          <section class="verdict-group" data-verdict={verdict} key={verdict}>
            <h2>
              {VERDICT_LABELS[verdict]} <span class="cc-count">({ofVerdict.length})</span>
            </h2>
            {ofVerdict.map((group) => (
              <ClaimEntry claims={group} tabId={state.tabId} key={group[0]!.key} />
            ))}
          </section>
        );
      })}
      <PageNotices notices={state.notices} />
    </>
  );
}

function ClaimEntry({ claims, tabId }: { claims: ClaimView[]; tabId: number }) {
  const claim = claims[0]!;
  return (
    <details class="claim-entry" data-claim={claim.key}>
      <summary>
        <VerdictBadge verdict={claim.verdict} rating={claim.rating} /> <span class="claim-title">{claim.statement}</span>
        {claims.length > 1 ? <span class="also-rated"> · rated by {claims.length} publishers</span> : null}
      </summary>
      <PublisherVerdicts claims={claims} />
      {claims.map((each) => (
        <ClaimDetails claim={each} headingLevel={3} key={each.key} />
      ))}
      <button type="button" class="link" onClick={() => void askBackground({ type: 'ui/reveal-claim', tabId, claim: claim.key })}>
        Show on page
      </button>
    </details>
  );
}
