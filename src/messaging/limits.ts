/**
 * Message size limits, in a module of their own so the content script can read them without
 * importing the Zod schemas that enforce them.
 */
/** A page's text is sent in segments; a segment never exceeds this (a long book chapter fits). */
export const MAX_SEGMENT_CHARS = 2_000_000;
/** Segments per message; the content script splits larger batches. */
export const MAX_SEGMENTS = 200;
/**
 * Characters per runtime message carrying file text: Chromium refuses messages over 64 MiB of
 * JSON, and a character can take 3 bytes. Larger files travel in pieces over a port.
 */
export const MAX_MESSAGE_CHARS = 16 * 1024 * 1024;
