/**
 * Message size limits, in a module of their own so the content script can read them without
 * importing the Zod schemas that enforce them.
 */
/** A page's text is sent in segments; a segment never exceeds this (a long book chapter fits). */
export const MAX_SEGMENT_CHARS = 2_000_000;
/** Segments per message; the content script splits larger batches. */
export const MAX_SEGMENTS = 200;
