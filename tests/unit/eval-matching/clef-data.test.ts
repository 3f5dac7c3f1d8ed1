import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClefDataError, loadClefData } from '../../../scripts/eval-matching/clef-data';

let dir = '';
function fixture(claims: string, tweets: string, qrels: string): string {
  dir = mkdtempSync(join(tmpdir(), 'clef-'));
  mkdirSync(join(dir, 'dev'));
  writeFileSync(join(dir, 'verified_claims.docs.tsv'), claims);
  writeFileSync(join(dir, 'dev/tweets.queries.tsv'), tweets);
  writeFileSync(join(dir, 'dev/tweet-vclaim-pairs.qrels'), qrels);
  return dir;
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CLAIMS = '\tvclaim\ttitle\n0\t"A ""quoted""\nclaim."\tTitle 0\n1\tPlain claim.\tTitle 1\n';
const TWEETS = '\ttweet_content\n10\tA tweet\n11\tAnother tweet\n';

describe('loadClefData', () => {
  it('reads the three files, dropping headers and keeping judgements that name known ids apart', () => {
    const data = loadClefData(fixture(CLAIMS, TWEETS, '10\t0\t0\t1\n11 0 1 1\n11 0 99 1\n'));
    expect(data.claims).toEqual([
      { id: '0', vclaim: 'A "quoted"\nclaim.', title: 'Title 0' },
      { id: '1', vclaim: 'Plain claim.', title: 'Title 1' },
    ]);
    expect(data.tweets).toEqual([
      { id: '10', text: 'A tweet' },
      { id: '11', text: 'Another tweet' },
    ]);
    expect(data.qrels).toEqual([
      { tweetId: '10', claimId: '0', relevance: 1 },
      { tweetId: '11', claimId: '1', relevance: 1 },
    ]);
    expect(data.danglingQrels).toEqual([{ tweetId: '11', claimId: '99', relevance: 1 }]);
  });

  it('names the file and line of a bad row', () => {
    // line 5: header, the quoted claim on lines 2-3, claim 1 on line 4
    expect(() => loadClefData(fixture(`${CLAIMS}2\t\tno claim\n`, TWEETS, ''))).toThrow(
      /^verified_claims\.docs\.tsv line 5: column vclaim: non-empty text$/,
    );
    expect(() => loadClefData(fixture(CLAIMS, '\ttweet_content\n10\ta\textra\n', ''))).toThrow(
      /tweets\.queries\.tsv line 2: 3 fields where 2 \(id, tweet_content\) are expected/,
    );
    expect(() => loadClefData(fixture(CLAIMS, TWEETS, '10 0 0 1\n10 0 1 yes\n'))).toThrow(
      /tweet-vclaim-pairs\.qrels line 2: column relevance: a relevance grade/,
    );
    expect(() => loadClefData(fixture(CLAIMS, TWEETS, '10 0 0 1\n10 0 1 yes\n'))).toThrow(ClefDataError);
  });

  it('requires the header row and unique ids', () => {
    expect(() => loadClefData(fixture('0\tclaim\ttitle\n', TWEETS, ''))).toThrow(/line 1: expected a header row/);
    expect(() => loadClefData(fixture(CLAIMS, '\ttweet_content\n10\ta\n10\tb\n', ''))).toThrow(/line 3: id 10 appears twice/);
  });
});
