import { z } from 'zod';

/**
 * eval/matching/cases.json: short page texts, each judged against one claim of the demo pack.
 *
 * Positive kinds are ways a page can state the claim (the matcher should find it); negative kinds
 * change what is claimed (a figure, a date, a unit, the actor, negation, where troops were
 * deployed) or are about something else, and must never come out 'confirmed'.
 */
export const POSITIVE_KINDS = [
  'verbatim',
  'case-punctuation',
  'numbers',
  'names',
  'reported-speech',
  'reordered',
  'split',
  'loose',
] as const;
export const NEGATIVE_KINDS = ['number', 'date', 'unit', 'negation', 'actor', 'deployment', 'unrelated'] as const;

export const CaseKindSchema = z.enum([...POSITIVE_KINDS, ...NEGATIVE_KINDS]);
export type CaseKind = z.infer<typeof CaseKindSchema>;

/** The tiers a case can expect, strongest first; 'none' = no match for the case's claim. */
export const ExpectSchema = z.enum(['confirmed', 'numbers-differ', 'possible', 'none']);
export type Expect = z.infer<typeof ExpectSchema>;

export const isPositiveKind = (kind: CaseKind): boolean => (POSITIVE_KINDS as readonly string[]).includes(kind);

export const EvalCaseSchema = z
  .object({
    id: z.string().min(1),
    kind: CaseKindSchema,
    /** a demo pack claim id (its key is `<pack id>/<claim id>`) */
    claim: z.string().min(1),
    text: z.string().min(1),
    expect: ExpectSchema,
    /** for positives: where on the text the claim is stated; a confirmed match elsewhere does not count */
    passage: z.string().min(1).optional(),
  })
  .refine((c) => c.passage === undefined || c.text.includes(c.passage), {
    message: 'passage does not occur in text',
    path: ['passage'],
  });
export type EvalCase = z.infer<typeof EvalCaseSchema>;

/** The file: an array of cases (or `{ cases: [...] }`), ids unique. */
export const EvalCasesFileSchema = z
  .preprocess(
    // unwrapped before validation, not with a union: a union's error would hide which case is wrong
    (data) => (data && typeof data === 'object' && !Array.isArray(data) && 'cases' in data ? data.cases : data),
    z.array(EvalCaseSchema),
  )
  .superRefine((cases, ctx) => {
    const seen = new Set<string>();
    cases.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', message: `duplicate case id "${c.id}"`, path: [i, 'id'] });
      seen.add(c.id);
    });
  });

/** Parses the file's JSON text; throws an Error listing every problem with its path. */
export function parseEvalCases(json: string, file: string): EvalCase[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = EvalCasesFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const raw: unknown[] = Array.isArray(data) ? data : ((data as { cases?: unknown[] } | null)?.cases ?? []);
  // Cases are found by id when the file is edited, not by position: name both.
  const where = (path: readonly PropertyKey[]): string => {
    const [index, ...rest] = path;
    if (typeof index !== 'number') return path.join('.') || '(the file)';
    const id = (raw[index] as { id?: unknown } | undefined)?.id;
    return `case ${index}${typeof id === 'string' ? ` (${id})` : ''}${rest.length ? `, ${rest.join('.')}` : ''}`;
  };
  const issues = parsed.error.issues.slice(0, 20).map((issue) => `  ${where(issue.path)}: ${issue.message}`);
  const more = parsed.error.issues.length > 20 ? `\n  … and ${parsed.error.issues.length - 20} more` : '';
  throw new Error(`${file}: does not fit the cases format\n${issues.join('\n')}${more}`);
}
