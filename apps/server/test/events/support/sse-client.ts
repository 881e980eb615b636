import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { ServerEvent } from '@petrel/contract';

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export interface SseClient {
  status: number;
  headers: IncomingHttpHeaders;
  frames: SseFrame[];
  /** The parsed `data` of every event frame so far. */
  events(): ServerEvent[];
  ended(): boolean;
  /** Stops reading from the socket, like a client that hangs. */
  pause(): void;
  close(): void;
}

/** A plain HTTP client for `text/event-stream` (WHATWG HTML §9.2 framing), without reconnects. */
export function openSse(port: number, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/events', headers },
      (res: IncomingMessage) => {
        const frames: SseFrame[] = [];
        let buffer = '';
        let ended = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            frames.push(parseFrame(buffer.slice(0, end)));
            buffer = buffer.slice(end + 2);
          }
        });
        const finish = () => {
          ended = true;
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          frames,
          events: () =>
            frames
              .filter((f) => f.data !== undefined)
              .map((f) => JSON.parse(f.data!) as ServerEvent),
          ended: () => ended,
          pause: () => res.pause(),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function parseFrame(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) frame.id = line.slice(4);
    else if (line.startsWith('event: ')) frame.event = line.slice(7);
    else if (line.startsWith('data: ')) frame.data = line.slice(6);
  }
  return frame;
}
