// Tiny static server for the Crosscheck demo pages (Node 20, no dependencies).
//
//   node demo/serve.mjs [port]      # default port 4317, binds to 127.0.0.1 only
//
// Programmatic use:
//   const { origin, close } = await startDemoServer({ port: 0 });

import { createServer } from 'node:http';
import { realpath, stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DEFAULT_ROOT = fileURLToPath(new URL('./pages/', import.meta.url));
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

function sendText(res, status, text, extraHeaders = {}) {
  const body = Buffer.from(text + '\n', 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function isInside(root, candidate) {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Resolves a request target to an absolute file path under root.
 * Returns { status } on rejection, { file } on success.
 */
async function resolveTarget(root, rawUrl) {
  const pathname = (rawUrl || '/').split(/[?#]/, 1)[0];
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0')) return { status: 400 };
  // Reject any "." / ".." segment (after decoding, so %2e%2e is caught) and backslashes.
  const segments = decoded.split('/');
  if (decoded.includes('\\') || segments.some((s) => s === '..' || s === '.')) return { status: 403 };

  let file = path.resolve(root, '.' + decoded);
  if (!isInside(root, file)) return { status: 403 };

  let info;
  try {
    info = await stat(file);
  } catch {
    return { status: 404 };
  }
  if (info.isDirectory()) {
    file = path.join(file, 'index.html');
    try {
      info = await stat(file);
    } catch {
      return { status: 404 };
    }
  }
  if (!info.isFile()) return { status: 404 };

  // Guard against symlinks pointing outside root.
  let real;
  try {
    real = await realpath(file);
  } catch {
    return { status: 404 };
  }
  if (!isInside(root, real)) return { status: 403 };
  return { file: real };
}

export async function startDemoServer({ port = 4317, host = '127.0.0.1', root } = {}) {
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`demo server binds to loopback only; refusing host ${JSON.stringify(host)}`);
  }
  const rootDir = await realpath(path.resolve(root ?? DEFAULT_ROOT));

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
        return;
      }
      const target = await resolveTarget(rootDir, req.url);
      if (!target.file) {
        const messages = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' };
        sendText(res, target.status, messages[target.status] ?? 'Error');
        return;
      }
      const body = await readFile(target.file);
      const type = CONTENT_TYPES[path.extname(target.file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy(err);
    }
  });

  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address();
  const hostPart = address.family === 'IPv6' || address.family === 6 ? `[${address.address}]` : address.address;
  const origin = `http://${hostPart}:${address.port}`;

  let closing = null;
  function close() {
    if (!closing) {
      closing = new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections?.();
        for (const socket of sockets) socket.destroy();
      });
    }
    return closing;
  }

  return { origin, close };
}

const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;

if (isMain) {
  const arg = process.argv[2];
  const port = arg === undefined ? 4317 : Number(arg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`usage: node demo/serve.mjs [port]   (got ${JSON.stringify(arg)})`);
    process.exit(2);
  }
  const { origin, close } = await startDemoServer({ port });
  console.log(`Crosscheck demo pages at ${origin}/`);
  console.log(`  ${origin}/articles/soldiers-told-they-were-fighting-americans.html`);
  console.log(`  ${origin}/articles/north-korea-sends-soldiers-to-rebuild.html`);
  console.log(`  ${origin}/articles/wire-roundup.html`);
  console.log('Press Ctrl-C to stop.');
  const shutdown = () => {
    close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
