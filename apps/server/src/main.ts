// Entry point: reads the configuration from the environment, listens, and shuts down
// cleanly on SIGINT/SIGTERM.
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startServer } from './server.ts';

function configFromEnv(): Config {
  try {
    return loadConfig(process.env, () => randomBytes(48).toString('base64url'));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Petrel cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const server = await startServer(configFromEnv());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
