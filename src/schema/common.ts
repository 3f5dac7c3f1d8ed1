import { z } from 'zod';

/** A calendar date as precise as the publisher gave it: 2025, 2025-03 or 2025-03-14. */
export const PartialDateSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');
export type PartialDate = z.infer<typeof PartialDateSchema>;

/**
 * Only http(s) URLs are ever stored or made clickable: a `javascript:` or `data:` link in a pack
 * would run in whichever page renders it.
 */
export const HttpUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'an absolute http(s) URL');

/** Ids appear in keys and URLs: short, printable, no slashes. */
export const IdSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, ".", "_", ":" or "-"');

/** Free text from packs: bounded, and shown as text only (never as HTML). */
export const text = (max: number) => z.string().trim().max(max);
