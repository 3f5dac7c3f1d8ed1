export function chromiumPath(): string | null;
export function brandedChromePath(): string | null;
export const INSTALL_HINT: string;
