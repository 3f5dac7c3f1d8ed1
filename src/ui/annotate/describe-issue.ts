import type { z } from 'zod';

const FIELD_NAMES: Record<string, string> = {
  statement: 'Statement',
  summary: 'Summary',
  tags: 'Tags',
  url: 'URL',
  title: 'Title',
  publisher: 'Publisher',
  date: 'Date',
  quote: 'Quoted passage',
  claimKey: 'Existing claim',
};

/** A form error a person can act on: which field of which source, and what is wrong with it. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    if (part === 'sources' && typeof path[i + 1] === 'number') {
      parts.push(`Source ${(path[i + 1] as number) + 1}`);
      i++;
    } else if (part === 'claim') continue;
    else if (typeof part === 'string') parts.push(FIELD_NAMES[part] ?? part);
  }
  return `${parts.join(' › ') || 'Form'}: ${issue.message}`;
}
