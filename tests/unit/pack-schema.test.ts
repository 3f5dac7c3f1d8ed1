import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../src/packs/parse-pack';
import { PackSchema } from '../../src/schema/pack';
import { demoPackRaw } from './support/test-database';

const issuesOf = (input: unknown) => {
  const result = PackSchema.safeParse(input);
  if (result.success) throw new Error('expected the pack to be rejected');
  return result.error;
};

describe('PackSchema', () => {
  it('accepts the demo pack', () => {
    const raw = demoPackRaw();
    const result = PackSchema.safeParse(raw);
    expect(result.success).toBe(true);
    expect(result.data?.claims.map((c) => c.id)).toEqual(raw.claims.map((c) => c.id));
  });

  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'JavaScript:alert(1)'])(
    'rejects the source URL %s, naming the field',
    (url) => {
      const raw = demoPackRaw();
      raw.sources[1]!.url = url;
      const error = issuesOf(raw);
      expect(error.issues.map((issue) => issue.path)).toEqual([['sources', 1, 'url']]);
      expect(describeIssues(error)).toContain('sources[1].url');
    },
  );

  it('rejects evidence that points to a source the pack does not have', () => {
    const raw = demoPackRaw();
    raw.claims[2]!.evidence[1]!.source = 'article-z';
    const error = issuesOf(raw);
    expect(error.issues.map((issue) => issue.path)).toEqual([['claims', 2, 'evidence', 1, 'source']]);
    expect(describeIssues(error)).toContain('claims[2].evidence[1].source');
    expect(describeIssues(error)).toContain('article-z');
  });

  it('rejects two claims with the same id', () => {
    const raw = demoPackRaw();
    raw.claims[3]!.id = raw.claims[0]!.id;
    const error = issuesOf(raw);
    expect(error.issues.map((issue) => issue.path)).toEqual([['claims', 3, 'id']]);
    expect(error.issues[0]!.message).toContain(raw.claims[0]!.id);
  });

  it('rejects two sources with the same id', () => {
    const raw = demoPackRaw();
    raw.sources[1]!.id = raw.sources[0]!.id;
    expect(issuesOf(raw).issues.map((issue) => issue.path)).toContainEqual(['sources', 1, 'id']);
  });

  it.each(['2025-13', '2025-00', '2025-02-32', '25-03', '2025/03', 'March 2025'])('rejects the date "%s"', (date) => {
    const raw = demoPackRaw();
    raw.published = date;
    expect(issuesOf(raw).issues.map((issue) => issue.path)).toEqual([['published']]);
  });

  it.each(['2025', '2025-03', '2025-03-14'])('accepts the partial date "%s"', (date) => {
    const raw = demoPackRaw();
    raw.published = date;
    raw.claims[0]!.claimed = date;
    expect(PackSchema.safeParse(raw).success).toBe(true);
  });

  it('accepts HTML in claim text as plain text and keeps it byte for byte', () => {
    const raw = demoPackRaw();
    const statement = '<img src=x onerror="alert(1)"><b>Bold</b> &amp; <script>steal()</script>';
    const quote = '<a href="javascript:alert(1)">click</a> & more';
    raw.claims[0]!.statement = statement;
    raw.claims[0]!.summary = statement;
    raw.claims[0]!.evidence[0]!.quote = quote;
    const result = PackSchema.safeParse(raw);
    expect(result.success).toBe(true);
    expect(result.data?.claims[0]?.statement).toBe(statement);
    expect(result.data?.claims[0]?.summary).toBe(statement);
    expect(result.data?.claims[0]?.evidence[0]?.quote).toBe(quote);
  });
});
