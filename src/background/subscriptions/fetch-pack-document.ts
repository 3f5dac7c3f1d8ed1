import { MAX_PACK_BYTES } from '../../packs/parse-pack';

export type FetchPackResult =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      text: string;
      /** bytes received (before decoding), for importPackText's size check */
      byteLength: number;
      etag?: string;
      lastModified?: string;
      /** the media type without parameters, lower case: "application/json" */
      contentType: string;
    }
  /** `httpStatus` when the server answered with an error status (a missing signature is a 404) */
  | { status: 'error'; error: string; httpStatus?: number };

export interface FetchPackOptions {
  /** the ETag of the copy we have: sent as If-None-Match */
  etag?: string;
  /** the Last-Modified of the copy we have: sent as If-Modified-Since */
  lastModified?: string;
  fetch?: typeof globalThis.fetch;
  /** covers the whole download: connecting, the headers and the body */
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * What a pack URL may answer with: JSON (our packs, ClaimReview JSON-LD, data feeds), text that
 * holds JSON, and web pages embedding ClaimReview. Static hosts often label .json files
 * text/plain or application/octet-stream, so those pass too; anything else is refused by name.
 */
export const ACCEPTED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'application/ld+json',
  'text/json',
  'text/plain',
  'text/html',
  'application/octet-stream',
]);

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  410: 'Gone',
  429: 'Too Many Requests',
  451: 'Unavailable For Legal Reasons',
};

/** "50 MB", "1.5 MB", "200 KB": sizes in the units people read. */
export function formatBytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace(/\.0$/, '')} MB`;
  const kb = bytes / 1024;
  if (kb >= 1) return `${Number.isInteger(kb) ? kb : kb.toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}

/** What browsers say for any failed request, without the reason (Chromium, Firefox, Safari). */
const GENERIC_NETWORK_ERROR = /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|network error)$/i;

/** A redirect to data:, file:, javascript: … is never followed (the Fetch standard makes it a network error). */
const NOT_HTTP_REDIRECT = 'the server redirected to an address that is not http or https (such as data: or file:), which is never followed';
/** What a browser's "Failed to fetch" after a redirect means: we cannot tell which of the two. */
const REDIRECT_DEAD_END =
  'the server redirects in a loop, or to an address that cannot be fetched (only http and https addresses are followed)';

const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/** The message of an error's cause chain, innermost useful one first ("connect ECONNREFUSED …"). */
function causeOf(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error || (typeof current === 'object' && 'message' in current)) {
      const message = String((current as { message: unknown }).message);
      if (message) messages.push(message);
      current = (current as { cause?: unknown }).cause;
    } else {
      messages.push(String(current));
      break;
    }
  }
  // Node says "fetch failed" and puts the reason in `cause`; browsers have only the message.
  const specific = messages.filter((m) => m !== 'fetch failed');
  return (specific.length ? specific : messages).join(': ') || 'unknown error';
}

function mediaType(header: string | null): string {
  if (!header) return 'application/octet-stream';
  return header.split(';', 1)[0]!.trim().toLowerCase();
}

function charsetOf(header: string | null): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(header ?? '');
  return match?.[1] ?? 'utf-8';
}

function decode(bytes: Uint8Array, charset: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

/**
 * Downloads a pack document (or a signature) by URL, for subscriptions. Never throws: every
 * failure is a short phrase saying what went wrong ("not found (404)", "example.org did not
 * answer within 20 s"), which the caller puts into a sentence.
 *
 * - Conditional: given the ETag / Last-Modified of the copy we have, a 304 is `not-modified`.
 * - Bounded: one timeout covers connecting, the headers and the body; a Content-Length above
 *   `maxBytes` is refused before reading, and a body without one is read as a stream and dropped
 *   as soon as it passes `maxBytes`, so a hostile server cannot make the worker hold 1 GB.
 * - Whole: a body shorter than its Content-Length, or a connection that drops, is an error, not
 *   a truncated pack.
 * - No cookies are sent (`credentials: 'omit'`): a pack URL is public data. The HTTP cache is
 *   bypassed: the stored ETag / Last-Modified are the cache.
 * - Redirects are followed (fetch's own limit). A loop is reported as "too many redirects"; where
 *   the browser gives no reason for a failed request, one more request that does not follow
 *   redirects tells a loop from a server that cannot be reached.
 */
export async function fetchPackDocument(url: string, options: FetchPackOptions = {}): Promise<FetchPackResult> {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? MAX_PACK_BYTES;
  const fail = (error: string): FetchPackResult => ({ status: 'error', error });

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return fail(`only http and https URLs can be fetched, not ${parsed.protocol.replace(/:$/, '')}`);
  const host = parsed.host;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const timeoutError = () => fail(`${host} did not answer within ${formatSeconds(timeoutMs)}`);

  try {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/ld+json;q=0.9, text/html;q=0.5, */*;q=0.1',
    };
    if (options.etag) headers['If-None-Match'] = options.etag;
    if (options.lastModified) headers['If-Modified-Since'] = options.lastModified;

    let response: Response;
    try {
      response = await fetchImpl(parsed.href, {
        headers,
        redirect: 'follow',
        credentials: 'omit',
        // The browser's HTTP cache stays out of it: "Sync now" must ask the server, and our own
        // If-None-Match must reach it (and its 304 reach us).
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (error) {
      if (timedOut) return timeoutError();
      const cause = causeOf(error);
      if (/redirect/i.test(cause)) return fail('too many redirects');
      // Node names a redirect to data:, file: and the like; browsers say only "Failed to fetch".
      if (/scheme must be an? HTTP\(S\) scheme/i.test(cause)) return fail(NOT_HTTP_REDIRECT);
      if (!GENERIC_NETWORK_ERROR.test(cause)) return fail(`could not reach ${host}: ${cause}`);
      // Browsers give no reason ("Failed to fetch"). Asking again without following redirects
      // tells a redirect loop (or a redirect to a dead end) from a server that cannot be reached.
      try {
        const probe = await fetchImpl(parsed.href, {
          headers,
          redirect: 'manual',
          credentials: 'omit',
          cache: 'no-store',
          signal: controller.signal,
        });
        void probe.body?.cancel().catch(() => {});
        if (probe.type === 'opaqueredirect' || (probe.status >= 300 && probe.status < 400)) {
          // Browsers hide where an opaque redirect goes; elsewhere the Location header tells.
          const location = probe.headers.get('location');
          let target: URL | undefined;
          try {
            target = location ? new URL(location, parsed.href) : undefined;
          } catch {
            target = undefined;
          }
          if (target && target.protocol !== 'http:' && target.protocol !== 'https:') return fail(NOT_HTTP_REDIRECT);
          return fail(REDIRECT_DEAD_END);
        }
      } catch {
        if (timedOut) return timeoutError();
      }
      return fail(`could not reach ${host}: the connection failed (the server may be down or unreachable)`);
    }

    const dropBody = () => void response.body?.cancel().catch(() => {});
    if (response.status === 304) {
      dropBody();
      return { status: 'not-modified' };
    }
    if (!response.ok) {
      dropBody();
      const httpStatus = response.status;
      if (httpStatus === 404) return { status: 'error', error: 'not found (404)', httpStatus };
      if (httpStatus >= 500) return { status: 'error', error: `server error (${httpStatus})`, httpStatus };
      const name = response.statusText || STATUS_NAMES[httpStatus] || '';
      return { status: 'error', error: `the server answered ${httpStatus}${name ? ` ${name}` : ''}`, httpStatus };
    }

    const typeHeader = response.headers.get('content-type');
    const contentType = mediaType(typeHeader);
    if (!ACCEPTED_CONTENT_TYPES.has(contentType)) {
      dropBody();
      return fail(`the server sent ${contentType}, not JSON or a web page`);
    }

    const lengthHeader = response.headers.get('content-length');
    const declared = lengthHeader !== null && /^\d+$/.test(lengthHeader.trim()) ? Number(lengthHeader) : undefined;
    if (declared !== undefined && declared > maxBytes) {
      dropBody();
      controller.abort();
      return fail(`the document is ${formatBytes(declared)}, larger than ${formatBytes(maxBytes)}, the limit for packs`);
    }

    const chunks: Uint8Array[] = [];
    let received = 0;
    if (response.body) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value.byteLength;
          if (received > maxBytes) {
            void reader.cancel().catch(() => {});
            controller.abort();
            return fail(`the document is larger than ${formatBytes(maxBytes)}, the limit for packs`);
          }
          chunks.push(value);
        }
      } catch (error) {
        if (timedOut) return timeoutError();
        void error;
        return fail('the download was cut short');
      }
    }
    // A compressed body's Content-Length counts compressed bytes; only an identity one can be compared.
    const encoding = (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
    if (declared !== undefined && encoding === 'identity' && received < declared) return fail('the download was cut short');

    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return {
      status: 'ok',
      text: decode(bytes, charsetOf(typeHeader)),
      byteLength: received,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      contentType,
    };
  } catch (error) {
    // Nothing above should throw; if something does, it is still an answer, not an exception.
    if (timedOut) return timeoutError();
    return fail(`could not download from ${host}: ${causeOf(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
