import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/**
 * Drives Firefox over WebDriver BiDi, which Firefox speaks natively: enough to install the
 * extension as a temporary add-on (webExtension.install), open a page and evaluate script in it.
 * Playwright cannot drive stock Firefox, and web-ext only installs.
 */
export const FIREFOX_CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
export const firefoxPath = (): string | undefined => FIREFOX_CANDIDATES.find((p): p is string => !!p && existsSync(p));

export interface Firefox {
  call<T = unknown>(method: string, params: object): Promise<T>;
  close(): Promise<void>;
}

export async function launchFirefox(executable: string): Promise<Firefox> {
  const profile = mkdtempSync(join(tmpdir(), 'crosscheck-firefox-'));
  const child: ChildProcess = spawn(
    executable,
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not start:\n${log}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`Firefox exited (${code}):\n${log}`)));
  });
  const socket = new WebSocket(`${endpoint}/session`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 0;
  const pending = new Map<number, (message: { type: string; result?: unknown; error?: string; message?: string }) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const call = <T>(method: string, params: object) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (m) => (m.type === 'success' ? resolve(m.result as T) : reject(new Error(`${method}: ${m.error} ${m.message}`))));
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call('session.new', { capabilities: {} });
  return {
    call,
    async close() {
      socket.close();
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
