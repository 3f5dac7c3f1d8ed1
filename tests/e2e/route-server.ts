import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A pack host for end-to-end tests, on 127.0.0.1 only: each test sets what a path answers in
 * `routes` (anything else is a 404), and may read the `requests` it received. Connections a
 * handler leaves hanging (the timeout cases) are cut on close.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export async function startRouteServer(
  routes: ReadonlyMap<string, Handler>,
  requests: ReceivedRequest[] = [],
): Promise<{ origin: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    res.on('error', () => {});
    const path = (req.url ?? '/').split('?', 1)[0]!;
    requests.push({ path, headers: req.headers, at: Date.now() });
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
