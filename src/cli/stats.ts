import { MIN_PHRASE_WORDS } from '../matching/claim-index';
import { loosePhrasings } from '../matching/loose-phrasings';
import { MIN_CONFIRMED_TERMS } from '../matching/match-thresholds';
import { phraseWords } from '../matching/tokenize';
import { packContentHash } from '../packs/pack-signature';
import { VERDICTS } from '../verdict/verdict-scale';
import { parseCommandArgs, printUsage, plural, readPackFile, runCommand, usageError, type CliIo, type ExitCode } from './cli-io';

export const STATS_USAGE = 'usage: crosscheck-pack stats <pack.json>';

/** `stats`: counts that help review a pack before publishing it. */
export function stats(args: string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, async () => {
    const { values, positionals } = parseCommandArgs(args, {}, STATS_USAGE);
    if (values.help) return printUsage(io, STATS_USAGE);
    if (positionals.length !== 1) throw usageError('stats takes one pack file.', STATS_USAGE);
    const { pack, raw } = await readPackFile(positionals[0]!);

    const byVerdict = new Map<string, number>(VERDICTS.map((verdict) => [verdict, 0]));
    const tags = new Map<string, number>();
    let phrasings = 0;
    let words = 0;
    let unindexed = 0;
    let evidence = 0;
    for (const claim of pack.claims) {
      byVerdict.set(claim.verdict, (byVerdict.get(claim.verdict) ?? 0) + 1);
      for (const tag of claim.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
      evidence += claim.evidence.length;
      for (const phrasing of claim.phrasings) {
        const count = phraseWords(phrasing).length;
        phrasings += 1;
        words += count;
        if (count < MIN_PHRASE_WORDS) unindexed += 1;
      }
    }

    io.out(`${pack.name} v${pack.version} (${pack.id}), ${pack.publisher}, published ${pack.published}`);
    io.out(`claims: ${pack.claims.length}`);
    for (const [verdict, count] of byVerdict) io.out(`  ${verdict}: ${count}`);
    io.out(`sources: ${pack.sources.length}`);
    io.out(`evidence: ${evidence}`);
    io.out(
      `phrasings: ${phrasings}` +
        (phrasings
          ? ` (${(phrasings / pack.claims.length).toFixed(1)} per claim, ${(words / phrasings).toFixed(1)} words on average` +
            `${unindexed ? `, ${plural(unindexed, 'phrasing')} under ${MIN_PHRASE_WORDS} words never match` : ''})`
          : ''),
    );
    // Phrasings so short on key words that a sentence using them about something else is highlighted.
    const loose = loosePhrasings(pack.claims);
    io.out(`loose phrasings: ${loose.length}${loose.length ? ` (under ${MIN_CONFIRMED_TERMS} key words, matched whoever they are about)` : ''}`);
    for (const { claim, phrasing, keyWords } of loose.slice(0, 10)) io.out(`  ${claim}: "${phrasing}" (${plural(keyWords, 'key word')})`);
    if (loose.length > 10) io.out(`  and ${loose.length - 10} more`);
    const topTags = [...tags].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    io.out(`tags: ${tags.size} distinct${topTags.length ? `; most used: ${topTags.map(([tag, n]) => `${tag} (${n})`).join(', ')}` : ''}`);
    io.out(`removals: ${pack.removals.length}`);
    const hash = await packContentHash(raw).catch((error: unknown) => `none: ${(error as Error).message}`);
    io.out(`content hash: ${hash}`);
  });
}
