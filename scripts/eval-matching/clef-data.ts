import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readTsv, TsvSyntaxError, type TsvRow } from './read-tsv';

/**
 * CLEF-2020 CheckThat! task 2 (English claim retrieval): the verified claims, one split's tweets
 * and its relevance judgements. Every row is checked, and a bad row stops the run with the file
 * and line: a silently dropped row would change MAP without anyone noticing.
 */
export interface VerifiedClaim {
  id: string;
  vclaim: string;
  title: string;
}
export interface Tweet {
  id: string;
  text: string;
}
export interface Qrel {
  tweetId: string;
  claimId: string;
  relevance: number;
}
export interface ClefData {
  claims: VerifiedClaim[];
  tweets: Tweet[];
  qrels: Qrel[];
  /** judgements naming a tweet or a claim the other files lack: reported, left out of scoring */
  danglingQrels: Qrel[];
}

export const CLEF_FILES = {
  claims: 'verified_claims.docs.tsv',
  tweets: (split: string) => join(split, 'tweets.queries.tsv'),
  qrels: (split: string) => join(split, 'tweet-vclaim-pairs.qrels'),
} as const;

const IdField = z.string().regex(/^\S+$/, 'an id (non-empty, no spaces)');
const TextField = z.string().trim().min(1, 'non-empty text');
const ClaimRow = z.tuple([IdField, TextField, z.string()]);
const TweetRow = z.tuple([IdField, TextField]);
const QrelRow = z.tuple([IdField, z.string(), IdField, z.string().regex(/^\d+$/, 'a relevance grade (0, 1, …)').transform(Number)]);

export class ClefDataError extends Error {
  override name = 'ClefDataError';
}

function checkRow<T>(schema: z.ZodType<T>, row: TsvRow, file: string, columns: readonly string[]): T {
  const parsed = schema.safeParse(row.fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const column = typeof issue.path[0] === 'number' ? columns[issue.path[0]] : undefined;
  const where = column ? `column ${column}: ` : '';
  const detail =
    row.fields.length !== columns.length ? `${row.fields.length} fields where ${columns.length} (${columns.join(', ')}) are expected` : issue.message;
  throw new ClefDataError(`${file} line ${row.line}: ${where}${detail}`);
}

function readTable(path: string, label: string): TsvRow[] {
  try {
    return readTsv(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof TsvSyntaxError) throw new ClefDataError(`${label} ${error.message}`);
    throw error;
  }
}

/** The files start with a pandas header whose id column is unnamed: "\tvclaim\ttitle". */
function dropHeader(rows: TsvRow[], label: string, columns: readonly string[]): TsvRow[] {
  const header = rows[0];
  const names = columns.slice(1);
  if (!header || header.fields.slice(1).join('\t') !== names.join('\t'))
    throw new ClefDataError(`${label} line ${header?.line ?? 1}: expected a header row "<id>\t${names.join('\t')}"`);
  return rows.slice(1);
}

function uniqueIds<T extends { id: string }>(items: T[], rows: TsvRow[], label: string): T[] {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw new ClefDataError(`${label} line ${rows[i]!.line}: id ${item.id} appears twice`);
    seen.add(item.id);
  });
  return items;
}

/** Loads `dir` (the task 2 folder); split is a subfolder such as 'dev' or 'train'. */
export function loadClefData(dir: string, split = 'dev'): ClefData {
  const claimsFile = CLEF_FILES.claims;
  const tweetsFile = CLEF_FILES.tweets(split);
  const qrelsFile = CLEF_FILES.qrels(split);
  for (const file of [claimsFile, tweetsFile, qrelsFile])
    if (!existsSync(join(dir, file))) throw new ClefDataError(`${join(dir, file)}: missing`);

  const claimColumns = ['id', 'vclaim', 'title'];
  const claimRows = dropHeader(readTable(join(dir, claimsFile), claimsFile), claimsFile, claimColumns);
  const claims = uniqueIds(
    claimRows.map((row) => {
      const [id, vclaim, title] = checkRow(ClaimRow, row, claimsFile, claimColumns);
      return { id, vclaim, title: title.trim() };
    }),
    claimRows,
    claimsFile,
  );

  const tweetColumns = ['id', 'tweet_content'];
  const tweetRows = dropHeader(readTable(join(dir, tweetsFile), tweetsFile), tweetsFile, tweetColumns);
  const tweets = uniqueIds(
    tweetRows.map((row) => {
      const [id, text] = checkRow(TweetRow, row, tweetsFile, tweetColumns);
      return { id, text };
    }),
    tweetRows,
    tweetsFile,
  );

  // TREC qrels: whitespace-separated "tweet_id 0 vclaim_id relevance", no quoting, no header.
  const qrelColumns = ['tweet_id', 'iteration', 'vclaim_id', 'relevance'];
  const qrels: Qrel[] = [];
  readFileSync(join(dir, qrelsFile), 'utf8')
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (text.trim() === '') return;
      const [tweetId, , claimId, relevance] = checkRow(QrelRow, { line: i + 1, fields: text.trim().split(/\s+/) }, qrelsFile, qrelColumns);
      qrels.push({ tweetId, claimId, relevance });
    });

  const claimIds = new Set(claims.map((c) => c.id));
  const tweetIds = new Set(tweets.map((t) => t.id));
  const known = (q: Qrel) => claimIds.has(q.claimId) && tweetIds.has(q.tweetId);
  return { claims, tweets, qrels: qrels.filter(known), danglingQrels: qrels.filter((q) => !known(q)) };
}
