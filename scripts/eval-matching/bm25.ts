/**
 * Okapi BM25, the baseline the matcher's ranking is compared with on CLEF CheckThat! 2020 task 2.
 * Parameters as Anserini's defaults (k1 = 0.9, b = 0.4) and Lucene's idf, which never goes
 * negative for terms in more than half the documents:
 *
 *   idf(t)      = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
 *   score(d, q) = Σ over query terms t: qtf(t) · idf(t) · tf(t,d)·(k1 + 1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl))
 *
 * A term repeated in the query counts once per occurrence (qtf), as Anserini's bag-of-words query
 * does. Unlike Anserini there is no stemming (the brief fixes the tokenization below) and
 * document lengths are exact rather than Lucene's one-byte approximation, so scores differ
 * slightly from an Anserini run; the (k1 + 1) factor, which Lucene dropped, only scales scores.
 */

/**
 * Lucene's EnglishAnalyzer stop set, the one Anserini's default analyzer uses. Deliberately short:
 * a long list would also remove words such as "not" and "no" that decide what a claim says.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no',
  'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this',
  'to', 'was', 'will', 'with',
]);

/** Lower-cased runs of letters and digits (any script), stopwords removed. */
export function bm25Tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !ENGLISH_STOPWORDS.has(word));
}

export interface Bm25Options {
  k1?: number;
  b?: number;
  tokenize?: (text: string) => string[];
}

export interface Bm25Index {
  ids: string[];
  k1: number;
  b: number;
  tokenize: (text: string) => string[];
  docLengths: Float64Array;
  averageLength: number;
  /** term -> parallel arrays of document ordinals and term frequencies */
  postings: Map<string, { docs: number[]; tfs: number[] }>;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

export function buildBm25Index(docs: readonly { id: string; text: string }[], options: Bm25Options = {}): Bm25Index {
  const tokenize = options.tokenize ?? bm25Tokenize;
  const postings = new Map<string, { docs: number[]; tfs: number[] }>();
  const docLengths = new Float64Array(docs.length);
  let total = 0;
  docs.forEach((doc, ordinal) => {
    const terms = tokenize(doc.text);
    docLengths[ordinal] = terms.length;
    total += terms.length;
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = { docs: [], tfs: [] }));
      list.docs.push(ordinal);
      list.tfs.push(tf);
    }
  });
  return {
    ids: docs.map((d) => d.id),
    k1: options.k1 ?? 0.9,
    b: options.b ?? 0.4,
    tokenize,
    docLengths,
    averageLength: docs.length ? total / docs.length : 0,
    postings,
  };
}

export const bm25Idf = (documentCount: number, documentFrequency: number): number =>
  Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));

/**
 * The `limit` best documents with a positive score, best first; ties go to the earlier document
 * so runs are reproducible.
 */
export function searchBm25(index: Bm25Index, query: string, limit: number): Bm25Hit[] {
  const { k1, b, docLengths, averageLength } = index;
  const queryCounts = new Map<string, number>();
  for (const term of index.tokenize(query)) queryCounts.set(term, (queryCounts.get(term) ?? 0) + 1);
  const scores = new Float64Array(index.ids.length);
  const touched: number[] = [];
  for (const [term, qtf] of queryCounts) {
    const list = index.postings.get(term);
    if (!list) continue;
    const idf = bm25Idf(index.ids.length, list.docs.length);
    for (let j = 0; j < list.docs.length; j++) {
      const d = list.docs[j]!;
      const tf = list.tfs[j]!;
      const norm = k1 * (1 - b + (b * docLengths[d]!) / (averageLength || 1));
      if (scores[d] === 0) touched.push(d);
      scores[d] = scores[d]! + (qtf * idf * tf * (k1 + 1)) / (tf + norm);
    }
  }
  return touched
    .filter((d) => scores[d]! > 0)
    .sort((x, y) => scores[y]! - scores[x]! || x - y)
    .slice(0, limit)
    .map((d) => ({ id: index.ids[d]!, score: scores[d]! }));
}
