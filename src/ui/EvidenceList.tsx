import type { EvidenceView } from '../messaging/claim-view';
import type { Stance } from '../schema/verdict';
import { safeHttpUrl, textFragmentUrl } from './safe-link';

const GROUPS: ReadonlyArray<{ stance: Stance; title: string }> = [
  { stance: 'supports', title: 'Corroborating' },
  { stance: 'contradicts', title: 'Contradicting' },
  { stance: 'context', title: 'Context' },
];

/** A claim's sources grouped by stance. All pack text is rendered as text; only http(s) links. */
export function EvidenceList({ evidence }: { evidence: readonly EvidenceView[] }) {
  if (evidence.length === 0) return <p class="cc-empty">No sources listed.</p>;
  return (
    <div class="cc-evidence">
      {GROUPS.map(({ stance, title }) => {
        const items = evidence.filter((e) => e.stance === stance);
        if (items.length === 0) return null;
        return (
          <section class={`cc-stance cc-stance-${stance}`} data-stance={stance} key={stance}>
            <h3 class="cc-stance-title">
              {title} <span class="cc-count">({items.length})</span>
            </h3>
            <ul class="cc-sources">
              {items.map((item, i) => (
                <SourceItem item={item} key={i} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function SourceItem({ item }: { item: EvidenceView }) {
  const href = textFragmentUrl(item.source.url, item.quote);
  const plain = safeHttpUrl(item.source.url);
  return (
    <li class="cc-source">
      <div class="cc-source-title">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {item.source.title}
          </a>
        ) : (
          <span>{item.source.title}</span>
        )}
      </div>
      <div class="cc-source-meta">
        <span class="cc-publisher">{item.source.publisher}</span>
        {item.source.date ? <span class="cc-date"> · {item.source.date}</span> : null}
        {!plain ? <span class="cc-unsafe"> · link not shown (not http or https)</span> : null}
      </div>
      <blockquote class="cc-quote">{item.quote}</blockquote>
    </li>
  );
}
