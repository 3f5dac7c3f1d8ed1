// Finds a Chromium that honours --load-extension: CHROME_PATH first, then the usual install places.
// Branded Google Chrome 137+ ignores --load-extension, so it is only a last resort (and said so).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Chromium\\Application\\chrome.exe',
];
const BRANDED = [
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** @returns {string | null} */
export function chromiumPath() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const path of CANDIDATES) if (existsSync(path)) return path;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return null;
}

/** @returns {string | null} a branded Chrome, which loads an unpacked extension only by hand */
export function brandedChromePath() {
  return BRANDED.find((path) => existsSync(path)) ?? null;
}

export const INSTALL_HINT = [
  'No Chromium found. Crosscheck\'s demo and tests need Chromium (branded Chrome 137+ ignores --load-extension).',
  '  Debian/Ubuntu: sudo apt-get install chromium',
  '  macOS:         brew install --cask chromium',
  '  or point CHROME_PATH at a Chromium or Chrome for Testing binary.',
].join('\n');
