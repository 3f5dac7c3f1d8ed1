import { z } from 'zod';
import { ClaimSchema, type ClaimInput } from '../../schema/claim';
import { IdSchema, PartialDateSchema, text } from '../../schema/common';
import { PACK_FORMAT, PackSchema, type Pack, type PackInput } from '../../schema/pack';
import { SourceSchema, type Source } from '../../schema/source';
import { describeIssues, MAX_PACK_BYTES } from '../parse-pack';
import { FactCheckToolsResponseSchema } from './claimreview-schema';
import { claimFromRecord } from './claimreview-to-claim';
import { extractJsonLdBlocks, looksLikeHtml } from './extract-json-ld';
import { recordFromClaimReview, recordsFromFactCheckTools, type FactCheckRecord } from './fact-check-record';
import { findClaimReviews } from './find-claimreviews';
import { checkHttpUrl, hostOf, slugify, today, truncate } from './values';

export interface FactCheckImportOptions {
  packId?: string;
  name?: string;
  publisher?: string;
  version?: number;
  published?: string;
  license?: string;
  /** URL the document came from: names the pack when the data does not, and resolves relative URLs. */
  origin?: string;
}
export type FactCheckFormat = 'claimreview' | 'datafeed' | 'factcheck-api' | 'html';
export type FactCheckImport =
  | { ok: true; pack: Pack; format: FactCheckFormat; warnings: string[] }
  /** `empty`: JSON-LD that only reviews media (MediaReview), no claim: a batch may skip it */
  | { ok: false; error: string; empty?: true };

export const DEFAULT_LICENSE = 'as published by the fact-checker';

const OptionsSchema = z.object({
  packId: IdSchema.optional(),
  name: text(200).min(1).optional(),
  publisher: text(200).min(1).optional(),
  version: z.number().int().min(1).optional(),
  published: PartialDateSchema.optional(),
  license: text(200).min(1).optional(),
  origin: z.string().optional(),
});

const FORMAT_NAMES: Record<FactCheckFormat, string> = {
  claimreview: 'schema.org ClaimReview data',
  datafeed: 'a schema.org ClaimReview data feed',
  'factcheck-api': 'a Fact Check Tools API response',
  html: 'the ClaimReview markup of a web page',
};

const fail = (error: string): FactCheckImport => ({ ok: false, error });

/** "A", "A and B", "A, B and C", "A, B and 3 others". */
function listNames(names: readonly string[]): string | undefined {
  if (names.length <= 1) return names[0];
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

type Read =
  | { ok: true; format: FactCheckFormat; records: FactCheckRecord[]; warnings: string[] }
  | { ok: false; error: string; empty?: true };

/** The fact checks in the document, whatever its format, or why there are none. */
function readRecords(input: string): Read {
  const warnings: string[] = [];
  let documents: unknown[];
  let format: FactCheckFormat;
  let where: string;

  if (!/^[[{]/.test(input) && (input.startsWith('<') || looksLikeHtml(input))) {
    const blocks = extractJsonLdBlocks(input);
    if (!blocks.length)
      return { ok: false, error: 'No ClaimReview found: the page has no <script type="application/ld+json"> block.' };
    documents = [];
    blocks.forEach((block, i) => {
      try {
        documents.push(JSON.parse(block));
      } catch (error) {
        warnings.push(`Skipped JSON-LD block ${i + 1} of ${blocks.length}: it is not valid JSON: ${(error as Error).message}`);
      }
    });
    if (!documents.length)
      return { ok: false, error: `No ClaimReview found: none of the page's JSON-LD blocks is valid JSON.\n${warnings.join('\n')}` };
    format = 'html';
    where = `page's JSON-LD (${blocks.length} block${blocks.length === 1 ? '' : 's'})`;
  } else {
    let json: unknown;
    try {
      json = JSON.parse(input);
    } catch (error) {
      return { ok: false, error: `The document is not valid JSON: ${(error as Error).message}` };
    }
    if (json !== null && typeof json === 'object' && (json as { format?: unknown }).format === PACK_FORMAT)
      return { ok: false, error: 'No ClaimReview found: this is a Crosscheck pack; import it as a pack instead.' };
    const api = FactCheckToolsResponseSchema.safeParse(json);
    if (api.success && !('@type' in api.data) && !('@context' in api.data)) {
      const read = recordsFromFactCheckTools(api.data.claims);
      if (!read.records.length)
        return {
          ok: false,
          error: `No ClaimReview found: the Fact Check Tools response has ${api.data.claims.length} claim${api.data.claims.length === 1 ? '' : 's'} and no claimReview.`,
        };
      return { ok: true, format: 'factcheck-api', records: read.records, warnings: read.warnings };
    }
    documents = [json];
    format = 'claimreview';
    where = 'document';
  }

  const found = findClaimReviews(documents);
  warnings.push(...found.warnings);
  if (!found.reviews.length) {
    const holds = found.otherTypes.length
      ? `holds ${found.otherTypes.slice(0, 8).join(', ')}${found.otherTypes.includes('MediaReview') ? ' (a MediaReview rates media, not a claim)' : ''}`
      : 'has no schema.org @type';
    const mediaOnly = found.otherTypes.length > 0 && found.otherTypes.every((type) => type === 'MediaReview');
    return { ok: false, error: `No ClaimReview found: the ${where} ${holds}.`, ...(mediaOnly ? { empty: true as const } : {}) };
  }
  if (found.dataFeed && format !== 'html') format = 'datafeed';
  return { ok: true, format, records: found.reviews.map((node, i) => recordFromClaimReview(node, i)), warnings };
}

/** Folds a duplicate review of the same claim into the first: appearances and missing details are added. */
function mergeInto(target: ClaimInput, extra: ClaimInput, label: string, warnings: string[]): void {
  if (extra.rating && target.rating && extra.rating !== target.rating)
    warnings.push(`${label} appears twice with different ratings ("${target.rating}", "${extra.rating}"); kept the first.`);
  const appearances = [...(target.appearances ?? [])];
  for (const appearance of extra.appearances ?? [])
    if (!appearances.some((a) => a.url === appearance.url) && appearances.length < 50) appearances.push(appearance);
  target.appearances = appearances;
  if (!target.summary && extra.summary) target.summary = extra.summary;
  if (!target.claimant && extra.claimant) target.claimant = extra.claimant;
  if (!target.claimed && extra.claimed) target.claimed = extra.claimed;
  if (!target.reviewed && extra.reviewed) target.reviewed = extra.reviewed;
}

/**
 * Reads fact-check data into a Crosscheck pack: schema.org ClaimReview JSON-LD (one node, a list,
 * an `@graph`, a Data Commons DataFeed), an HTML page with ClaimReview in its
 * `<script type="application/ld+json">` blocks, or a Google Fact Check Tools `claims:search`
 * response. Each ClaimReview becomes one claim whose verdict comes from the rating *text*
 * (ratingToVerdict), and the fact-check article becomes its source. Reviews that cannot become a
 * valid claim are skipped and named in `warnings`; a document without any ClaimReview is an error.
 */
export function importFactChecks(text: string, options: FactCheckImportOptions = {}): FactCheckImport {
  const parsedOptions = OptionsSchema.safeParse(options);
  if (!parsedOptions.success) return fail(`The import options are not valid:\n${describeIssues(parsedOptions.error)}`);
  const opts = parsedOptions.data;
  let origin: string | undefined;
  if (opts.origin !== undefined) {
    const check = checkHttpUrl(opts.origin);
    if (!check.ok) return fail(`The import options are not valid:\norigin: an absolute http(s) URL`);
    origin = check.url;
  }
  if (text.length > MAX_PACK_BYTES)
    return fail(`The document is ${(text.length / 1024 / 1024).toFixed(0)} MB; imports are limited to ${MAX_PACK_BYTES / 1024 / 1024} MB.`);
  const input = text.replace(/^\uFEFF/, '').trim();
  if (!input) return fail('The document is empty.');

  const read = readRecords(input);
  if (!read.ok) return read;
  const warnings = [...read.warnings];

  const claims = new Map<string, ClaimInput>();
  const sources = new Map<string, Source>();
  const publishers: string[] = [];
  for (const record of read.records) {
    const converted = claimFromRecord(record, origin);
    if (!converted.ok) {
      warnings.push(converted.warning);
      continue;
    }
    warnings.push(...converted.warnings);
    const claimCheck = ClaimSchema.safeParse(converted.claim);
    if (!claimCheck.success) {
      warnings.push(`Skipped ${record.label}: ${describeIssues(claimCheck.error, 2).replace(/\n/g, '; ')}`);
      continue;
    }
    if (converted.source && !sources.has(converted.source.id)) {
      const sourceCheck = SourceSchema.safeParse(converted.source);
      if (!sourceCheck.success) {
        warnings.push(`Skipped ${record.label}: its source ${describeIssues(sourceCheck.error, 2).replace(/\n/g, '; ')}`);
        continue;
      }
      sources.set(converted.source.id, sourceCheck.data);
    }
    const existing = claims.get(converted.key);
    if (existing) mergeInto(existing, converted.claim, record.label, warnings);
    else claims.set(converted.key, converted.claim);
    if (converted.publisher && !publishers.includes(converted.publisher)) publishers.push(converted.publisher);
  }
  if (!claims.size) {
    const count = read.records.length;
    return fail(
      `None of the ${count} fact check${count === 1 ? '' : 's'} could be imported:\n${warnings.slice(0, 5).join('\n')}`,
    );
  }

  const originHost = hostOf(origin);
  const dataPublisher = publishers.length === 1 ? publishers[0] : undefined;
  const publisher = opts.publisher ?? dataPublisher ?? originHost ?? listNames(publishers) ?? 'Unknown fact-checker';
  const idBase = opts.publisher ?? dataPublisher ?? originHost ?? (publishers.length ? 'various' : 'import');
  const pack: PackInput = {
    format: PACK_FORMAT,
    formatVersion: 1,
    id: opts.packId ?? `claimreview-${slugify(idBase, 100) || 'import'}`,
    name: opts.name ?? `Fact checks from ${publisher}`.slice(0, 200),
    publisher: publisher.slice(0, 200),
    version: opts.version ?? 1,
    published: opts.published ?? today(),
    license: opts.license ?? DEFAULT_LICENSE,
    description: truncate(
      `Imported from ${FORMAT_NAMES[read.format]}${origin ? ` at ${origin}` : ''}. ` +
        'Verdicts were mapped from each publisher’s rating text; check them before sharing this pack.',
      2000,
    ),
    sources: [...sources.values()],
    claims: [...claims.values()],
  };
  const parsed = PackSchema.safeParse(pack);
  if (!parsed.success) return fail(`The imported pack does not follow the format:\n${describeIssues(parsed.error)}`);
  return { ok: true, pack: parsed.data, format: read.format, warnings };
}
