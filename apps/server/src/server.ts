import { buildApp } from './app.ts';
import type { Config } from './config.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Builds the app and listens on the configured address. */
export async function startServer(config: Config): Promise<RunningServer> {
  const app = await buildApp(config);
  const url = await app.listen({ host: config.listen.host, port: config.listen.port });
  return { url, close: () => app.close() };
}
