import { z } from 'zod';
import { VERDICTS } from '../verdict/verdict-scale';

export const VerdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

export const StanceSchema = z.enum(['supports', 'contradicts', 'context']);
export type Stance = z.infer<typeof StanceSchema>;
