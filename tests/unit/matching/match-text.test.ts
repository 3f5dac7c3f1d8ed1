import { describe, expect, it } from 'vitest';
import { buildClaimIndex } from '../../../src/matching/claim-index';
import { matchText } from '../../../src/matching/match-text';
import { BLOCK_BREAK } from '../../../src/matching/tokenize';
import { DEMO_CLAIMS } from './demo-claims';

// The shared demo claims, and more for the checks below.
const claims = [
  ...DEMO_CLAIMS,
  {
    key: 'since-september',
    statement: 'Since September 2025, North Korea has deployed around 10,000 troops to Russia, with another 5,000 expected to follow.',
    phrasings: ['North Korea has deployed around 10,000 troops to Russia, with another 5,000 expected to follow soon'],
  },
  { key: 'sent-troops', statement: 'North Korea sent troops to Russia.', phrasings: [] },
];
const { snapshot } = buildClaimIndex(claims);

/** What the matcher says about one claim in a text: each passage's tier and words. */
const about = (text: string, key: string) =>
  matchText([snapshot], text)
    .filter((match) => match.claimKey === key)
    .map((match) => ({ tier: match.tier, passage: text.slice(match.start, match.end) }));
const tiers = (text: string, key: string) => about(text, key).map((match) => match.tier);
/** The passages highlighted for a claim. */
const highlighted = (text: string, key: string) =>
  about(text, key)
    .filter((match) => match.tier === 'confirmed')
    .map((match) => match.passage);

describe('matchText: a claim stated on the page is confirmed', () => {
  it('highlights a known phrasing inside a paragraph, exactly its words', () => {
    const text =
      'Reports of the deployment first surfaced in October 2024. Estimates place their numbers between 10,000 and 12,000. Ukraine says many were killed.';
    expect(highlighted(text, 'troops')).toEqual(['Estimates place their numbers between 10,000 and 12,000']);
  });

  it('ignores case, quotes, spacing and line breaks', () => {
    expect(highlighted('NORTH KOREA SENT BETWEEN 10,000 AND 12,000 SOLDIERS TO FIGHT FOR RUSSIA IN 2024', 'troops')).toEqual([
      'NORTH KOREA SENT BETWEEN 10,000 AND 12,000 SOLDIERS TO FIGHT FOR RUSSIA IN 2024',
    ]);
    const broken = 'North Korea sent between\n10,000 and 12,000   soldiers to fight for “Russia” in 2024.';
    expect(highlighted(broken, 'troops')).toEqual([broken.slice(0, -1)]);
    // A highlight spans words: it ends at the claim's last word, before the closing quote.
    expect(highlighted('In 2024, North Korea also sent over 13,000 workers to “Russia”.', 'workers')).toEqual([
      'In 2024, North Korea also sent over 13,000 workers to “Russia',
    ]);
  });

  it.each([
    ['10 000 and 12 000'],
    ['10\u00a0000 and 12\u202f000'],
    ['10000 and 12000'],
    ['ten thousand and twelve thousand'],
    ['10k and 12k'],
    ['10 thousand and 12 thousand'],
  ])('reads figures written as "%s" as the claim’s', (figures) => {
    const text = `North Korea sent between ${figures} soldiers to fight for Russia in 2024.`;
    expect(highlighted(text, 'troops')).toEqual([text.slice(0, -1)]);
  });

  it('reads name variants as the claim’s actors', () => {
    expect(highlighted('Pyongyang sent between 10,000 and 12,000 soldiers to fight for Moscow in 2024.', 'troops')).toEqual([
      'Pyongyang sent between 10,000 and 12,000 soldiers to fight for Moscow in 2024',
    ]);
    expect(highlighted('The DPRK sent between 10,000 and 12,000 troops to fight for Russia in 2024.', 'troops')).toEqual([
      'DPRK sent between 10,000 and 12,000 troops to fight for Russia in 2024',
    ]);
    expect(highlighted('Kyiv’s forces captured two North Korean soldiers alive in January 2025.', 'captured')).toEqual([
      'Kyiv’s forces captured two North Korean soldiers alive in January 2025',
    ]);
  });

  it('confirms reported speech, and highlights the statement rather than who reported it', () => {
    expect(
      highlighted('Officials in Seoul said that North Korea sent between 10,000 and 12,000 soldiers to fight for Russia in 2024.', 'troops'),
    ).toEqual(['North Korea sent between 10,000 and 12,000 soldiers to fight for Russia in 2024']);
    expect(highlighted('According to Ukraine, at least 3,000 North Korean soldiers have been killed.', 'deaths')).toEqual([
      'Ukraine, at least 3,000 North Korean soldiers have been killed',
    ]);
    expect(highlighted('North Korea sent troops to Russia, Seoul said.', 'sent-troops')).toEqual(['North Korea sent troops to Russia']);
  });

  it('confirms a fronted date and a passive with "by"', () => {
    expect(highlighted('In 2024, North Korea sent between 10,000 and 12,000 soldiers to fight for Russia.', 'troops')).toEqual([
      '2024, North Korea sent between 10,000 and 12,000 soldiers to fight for Russia',
    ]);
    expect(highlighted('Two North Korean soldiers were captured alive by Ukrainian forces in January 2025.', 'captured')).toEqual([
      'Two North Korean soldiers were captured alive by Ukrainian forces in January 2025',
    ]);
    expect(highlighted('Troops were sent to Russia by North Korea.', 'sent-troops')).toEqual(['Troops were sent to Russia by North Korea']);
  });

  it('confirms a claim split over two sentences of one paragraph, and highlights both parts', () => {
    const text = 'Few doubt it now. North Korea sent soldiers to fight for Russia in 2024. Between 10,000 and 12,000 of them, by most estimates.';
    expect(highlighted(text, 'troops')).toEqual(['North Korea sent soldiers to fight for Russia in 2024. Between 10,000 and 12,000']);
  });

  it('does not join two paragraphs into one claim', () => {
    const text = `North Korea sent soldiers to fight for Russia in 2024.${BLOCK_BREAK}Between 10,000 and 12,000 of them, by most estimates.`;
    expect(highlighted(text, 'troops')).toEqual([]);
    // Each paragraph alone is a partial mention at most.
    expect(tiers(text, 'troops').every((tier) => tier === 'possible')).toBe(true);
  });

  it('does not also list a claim as possible where the text confirms it', () => {
    const loose = 'Thousands of North Korean soldiers went to fight for Russia in 2024.';
    // Alone, the sentence without the figures is only a possible match ...
    expect(tiers(loose, 'troops')).toEqual(['possible']);
    // ... and next to a sentence that states the claim, it is not listed at all.
    const text = `Estimates place their numbers between 10,000 and 12,000. ${loose}`;
    expect(about(text, 'troops')).toEqual([
      { tier: 'confirmed', passage: 'Estimates place their numbers between 10,000 and 12,000' },
    ]);
  });

  it('says why a wording of three key words, all on the page but not word for word, is only possible', () => {
    const [match] = matchText([snapshot], 'North Korean soldiers had been told they were killing Americans.').filter((m) => m.claimKey === 'told');
    expect(match).toMatchObject({ tier: 'possible', score: 1 });
    expect(match!.why.notes).toEqual(['the wording has too few key words to be confirmed unless it is quoted word for word']);
  });

  it('reports one passage where a known phrasing and the statement are both found', () => {
    const text =
      'The North Korean troops have suffered heavy casualties, with Ukraine reporting at least 3,000 deaths. Ukraine reported that at least 3,000 North Korean soldiers had been killed.';
    expect(highlighted(text, 'deaths')).toEqual([
      'The North Korean troops have suffered heavy casualties, with Ukraine reporting at least 3,000 deaths',
      'Ukraine reported that at least 3,000 North Korean soldiers had been killed',
    ]);
  });
});

describe('matchText: a near miss is never confirmed', () => {
  it('tells apart a passage with another figure, and shows the page’s figure', () => {
    expect(matchText([snapshot], 'Ukraine reported that at least 300 North Korean soldiers had been killed.')).toMatchObject([
      { claimKey: 'deaths', tier: 'numbers-differ', why: { pageFigures: ['300'] } },
    ]);
    expect(
      matchText([snapshot], 'Estimates place their numbers between 10,000 and 13,000.').filter((m) => m.claimKey === 'troops'),
    ).toMatchObject([{ tier: 'numbers-differ', why: { pageFigures: ['13,000'] } }]);
  });

  it('tells apart a passage with another year or month', () => {
    const year = matchText([snapshot], 'North Korea sent between 10,000 and 12,000 soldiers to fight for Russia in 2023.');
    expect(year.filter((m) => m.claimKey === 'troops')).toMatchObject([{ tier: 'numbers-differ', why: { pageFigures: ['2023'] } }]);
    const fronted = matchText([snapshot], 'In 2023, North Korea also sent over 13,000 workers to Russia.');
    expect(fronted.filter((m) => m.claimKey === 'workers')).toMatchObject([{ tier: 'numbers-differ', why: { pageFigures: ['2023'] } }]);
    const month = matchText([snapshot], 'Ukrainian forces captured two North Korean soldiers alive in February 2025.');
    expect(month.filter((m) => m.claimKey === 'captured')).toMatchObject([{ tier: 'numbers-differ', why: { pageFigures: ['February'] } }]);
    const phrasing = matchText([snapshot], 'In February, Ukrainian forces took two North Korean soldiers alive.');
    expect(phrasing.filter((m) => m.claimKey === 'captured')).toMatchObject([{ tier: 'numbers-differ', why: { pageFigures: ['February'] } }]);
  });

  it('does not relate the same figure counting something else', () => {
    expect(about('Ukraine reported at least 3,000 injuries among North Korean soldiers.', 'deaths')).toEqual([]);
    expect(about('In 2024, North Korea also sent over 13,000 tonnes of shells to Russia.', 'workers')).toEqual([]);
  });

  it.each([
    ['Ukraine did not confirm that at least 3,000 North Korean soldiers had been killed.', 'deaths'],
    ['It is false that North Korea sent between 10,000 and 12,000 soldiers to fight for Russia in 2024.', 'troops'],
    ['North Korea never sent between 10,000 and 12,000 soldiers to fight for Russia in 2024.', 'troops'],
    ['The North Korean soldiers sent to Russia were never told they would be fighting Americans.', 'told'],
    ['North Korea did not send troops to Russia.', 'sent-troops'],
  ])('does not relate a negated claim: "%s"', (text, key) => {
    expect(about(text, key)).toEqual([]);
  });

  it('does not confirm a known phrasing after "It is false that"', () => {
    expect(highlighted('It is false that they had been told they were killing Americans.', 'told')).toEqual([]);
  });

  // the denial is dropped for the word-for-word phrasing (match-text.ts looks 4 tokens before
  // the phrasing's first word), but find-similar.ts looks 4 tokens before the first *key* word,
  // "told": "It is false that they had been told ..." has "false" 5 tokens before "told", so the
  // phrasing, read as key words, is listed as a possible match of the claim it denies.
  it('does not list a denied phrasing as a possible match either', () => {
    expect(about('It is false that they had been told they were killing Americans.', 'told')).toEqual([]);
  });

  it('does not confirm a claim with another actor in its place', () => {
    expect(tiers('China sent between 10,000 and 12,000 soldiers to fight for Russia in 2024.', 'troops')).not.toContain('confirmed');
    expect(tiers('Belarus sent more than 13,000 workers to Russia in 2024.', 'workers')).not.toContain('confirmed');
    expect(tiers('Russia sent troops to Ukraine.', 'sent-troops')).not.toContain('confirmed');
    expect(tiers('Russia sent troops.', 'sent-troops')).not.toContain('confirmed');
  });

  // A phrasing of few key words ("were sent to Kursk") says nothing of who: the sentence does.
  it('does not confirm a loose phrasing in a sentence about another actor', () => {
    const loose = buildClaimIndex([
      { key: 'kursk', statement: 'North Korea sent its soldiers to Kursk in late 2024.', phrasings: ['were sent to Kursk'] },
    ]).snapshot;
    const tiersOf = (text: string) => matchText([loose], text).map((match) => match.tier);
    expect(tiersOf('Russian soldiers in large numbers were sent to Kursk.')).toEqual([]);
    expect(tiersOf('Chinese volunteers were sent to Kursk, according to Kyiv.')).toEqual([]);
    // With no one else named, or with the claim's own actor, the phrasing stands.
    expect(tiersOf('Thousands more were sent to Kursk.')).toEqual(['confirmed']);
    expect(tiersOf('North Korean soldiers in large numbers were sent to Kursk.')).toEqual(['confirmed']);
    expect(tiersOf('According to Kyiv, North Korean soldiers were sent to Kursk.')).toEqual(['confirmed']);
    // A source named in an attribution is not the actor.
    expect(tiersOf('According to Ukraine, thousands more were sent to Kursk.')).toEqual(['confirmed']);
  });

  it('does not confirm a claim whose actors swap roles', () => {
    expect(tiers('Russia sent troops to North Korea.', 'sent-troops')).not.toContain('confirmed');
    expect(tiers('Russia sent between 10,000 and 12,000 soldiers to fight for North Korea in 2024.', 'troops')).not.toContain('confirmed');
    expect(tiers('In 2024, Russia sent more than 13,000 workers to North Korea.', 'workers')).not.toContain('confirmed');
    // The same words in the claim's order are confirmed: the order is what differs.
    expect(tiers('North Korea sent troops to Russia.', 'sent-troops')).toEqual(['confirmed']);
  });

  it('confirms a wording of three key words only word for word', () => {
    // "They had been told they were killing Americans": told, killing, Americans.
    expect(highlighted('They had been told they were killing Americans.', 'told')).toEqual(['They had been told they were killing Americans']);
    expect(tiers('They were told they would be killing Americans.', 'told')).not.toContain('confirmed');
    expect(tiers('Soldiers were told about killing Americans in the drills.', 'told')).not.toContain('confirmed');
  });

  it('confirms a dated claim whatever the modal verb before its second figure', () => {
    expect(
      highlighted('Since September 2025, North Korea has deployed around 10,000 troops to Russia, and another 5,000 could follow.', 'since-september'),
    ).toHaveLength(1);
  });

  // "may" after a figure is the verb, not the month May.
  it('confirms a dated claim when "may" follows one of its figures', () => {
    expect(
      highlighted('Since September 2025, North Korea has deployed around 10,000 troops to Russia, and another 5,000 may follow.', 'since-september'),
    ).toHaveLength(1);
  });

  it('reads "may" after a figure as the verb, and a figure added beside the claim\'s own as no difference', () => {
    const text = 'In January 2025, Ukrainian forces captured two North Korean soldiers alive; 2,000 may be next.';
    expect(matchText([snapshot], text).filter((m) => m.claimKey === 'captured').map((m) => m.tier)).toEqual(['confirmed']);
  });
});
