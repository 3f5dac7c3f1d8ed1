export function startDemoServer(options?: { port?: number; host?: string; root?: string }): Promise<{
  origin: string;
  close(): Promise<void>;
}>;
