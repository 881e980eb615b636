import { Agent, request, type IncomingMessage } from 'node:http';
import { CSRF_HEADER_VALUE, HEADERS } from '@petrel/contract';
import type { MailUser } from '@petrel/test-mailserver';

export interface Exchange {
  status: number;
  body: Buffer;
  /** Status line, headers and body as received (no content coding is in use on this API). */
  wireBytes: number;
  ms: number;
}

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * A scripted API client: one user's session cookie over its own keep-alive connection(s),
 * counting what each response costs on the wire.
 */
export class ApiSession {
  private cookie = '';
  readonly agent: Agent;

  constructor(
    readonly baseUrl: string,
    readonly user: MailUser,
    maxSockets = 4,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** POST /api/session; keeps the cookie. */
  async login(): Promise<Exchange> {
    const body = JSON.stringify({ email: this.user.email, password: this.user.password });
    const result = await this.send('POST', '/api/session', body);
    if (result.status !== 200) throw new Error(`login of ${this.user.email} failed: ${result.status} ${result.body.toString().slice(0, 200)}`);
    return result;
  }

  async logout(): Promise<void> {
    await this.send('DELETE', '/api/session');
    this.cookie = '';
  }

  get(path: string): Promise<Exchange> {
    return this.send('GET', path);
  }

  async json<T>(path: string): Promise<T> {
    const result = await this.get(path);
    if (result.status !== 200) throw new Error(`GET ${path}: ${result.status} ${result.body.toString().slice(0, 200)}`);
    return JSON.parse(result.body.toString()) as T;
  }

  /** GET /api/events, left open: resolves with the response once the stream's first bytes arrived. */
  openEvents(): Promise<{ response: IncomingMessage; close(): void }> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.baseUrl}/api/events`, { agent: false, headers: { cookie: this.cookie, accept: 'text/event-stream' } });
      const timer = setTimeout(() => req.destroy(new Error('SSE stream did not open within 30 s')), 30_000);
      req.once('response', (response) => {
        if (response.statusCode !== 200) {
          clearTimeout(timer);
          response.resume();
          reject(new Error(`GET /api/events: ${response.statusCode}`));
          return;
        }
        response.once('data', () => {
          clearTimeout(timer);
          // Keep reading (heartbeats, events) so the server's buffer never fills.
          response.on('data', () => undefined);
          resolve({ response, close: () => req.destroy() });
        });
      });
      req.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, body?: string): Promise<Exchange> {
    const started = performance.now();
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers[HEADERS.csrf] = CSRF_HEADER_VALUE;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const req = request(`${this.baseUrl}${path}`, { method, agent: this.agent, headers, timeout: REQUEST_TIMEOUT_MS });
      req.once('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.once('error', reject);
      req.once('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', reject);
        response.once('end', () => {
          const setCookie = response.headers['set-cookie']?.[0];
          if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
          const payload = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            body: payload,
            wireBytes: headerBytes(response) + payload.length,
            ms: performance.now() - started,
          });
        });
      });
      req.end(body);
    });
  }
}

/** Bytes of the status line and header block (HTTP/1.1 framing, chunk sizes not counted). */
function headerBytes(response: IncomingMessage): number {
  let bytes = `HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n`.length + 2;
  for (let i = 0; i < response.rawHeaders.length; i += 2) {
    bytes += Buffer.byteLength(response.rawHeaders[i]!) + 2 + Buffer.byteLength(response.rawHeaders[i + 1]!) + 2;
  }
  return bytes;
}
