/** 16 random hex digits. (crypto.randomUUID needs a secure context, which http pages are not.) */
export function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}
