import { connectImap, OtherDevice, type MailServer, type MailUser } from '@petrel/test-mailserver';
import { arm, collect, type BenchBrowser } from '../browser.ts';
import { atMost, measured, type Result } from '../report.ts';
import { ApiSession } from '../http.ts';
import { sleep, withTimeout } from '../resources.ts';

let sequence = 0;

/** A small plain message with a subject nothing else has. */
export function probeMessage(label: string, body = 'Pushed by the benchmark.'): { subject: string; raw: string } {
  const id = `${Date.now().toString(36)}-${process.pid}-${sequence++}`;
  const subject = `${label} ${id}`;
  const raw =
    `From: Bench Sender <sender@example.org>\r\nTo: Bench <bench@petrel.test>\r\nSubject: ${subject}\r\n` +
    `Date: ${new Date().toUTCString()}\r\nMessage-ID: <${id}@bench.petrel.test>\r\nMIME-Version: 1.0\r\n` +
    `Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
  return { subject, raw };
}

/**
 * Push latency: another IMAP client APPENDs a message; measured from Date.now() in Node
 * right before the APPEND to Date.now() in the page when a MutationObserver first sees a
 * row with the message's unique subject (one machine, one clock). Sequential, with a gap.
 */
export async function pushLatency(browser: BenchBrowser, mail: MailServer, user: MailUser, count: number): Promise<number[]> {
  const device = await OtherDevice.connect(mail, user);
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const message = probeMessage('Push probe');
      await arm(browser.page, 'push', 'waitRowText', message.subject, 15_000);
      const sentAt = Date.now();
      await device.append('INBOX', message.raw);
      samples.push((await collect<number>(browser.page, 'push')) - sentAt);
      await sleep(150 + Math.floor(Math.random() * 100));
    }
  } finally {
    await device.close();
  }
  return samples;
}

/**
 * The protocol's share: a bare imapflow client IDLEs on INBOX while the other client
 * APPENDs; APPEND start → the untagged EXISTS arriving (Dovecot's own notification delay).
 */
export async function idleBaseline(mail: MailServer, user: MailUser, count: number): Promise<number[]> {
  const [watcher, device] = await Promise.all([connectImap(mail, user), OtherDevice.connect(mail, user)]);
  const samples: number[] = [];
  try {
    await watcher.mailboxOpen('INBOX');
    let notify: (() => void) | null = null;
    watcher.on('exists', () => notify?.());
    void watcher.idle().catch(() => undefined);
    await sleep(200);
    for (let i = 0; i < count; i++) {
      const seen = withTimeout(new Promise<void>((resolve) => (notify = resolve)), 15_000, 'EXISTS during IDLE');
      const sentAt = performance.now();
      await device.append('INBOX', probeMessage('Idle probe').raw);
      await seen;
      samples.push(performance.now() - sentAt);
      await sleep(150 + Math.floor(Math.random() * 100));
    }
  } finally {
    await device.close();
    await watcher.logout().catch(() => watcher.close());
  }
  return samples;
}

/**
 * The server's share: a scripted client holds `GET /api/events` open; APPEND start → the
 * first INBOX event about it arrives on the stream. Sequential, so each event is the one
 * the APPEND caused; a message with no event within 10 s counts as a miss.
 */
export async function sseLatency(baseUrl: string, mail: MailServer, user: MailUser, count: number, misses: { count: number }): Promise<number[]> {
  const session = new ApiSession(baseUrl, user);
  const device = await OtherDevice.connect(mail, user);
  const samples: number[] = [];
  try {
    await session.login();
    const stream = await session.openEvents();
    try {
      // The first INBOX event after the APPEND that tells a client about it: messagesAdded
      // (with the headers), or folderCounts (a hint: the client then calls changes).
      let waiting: (() => void) | null = null;
      stream.response.on('data', (chunk: Buffer) => {
        if (/event: (messagesAdded|folderCounts)\n/.test(chunk.toString())) waiting?.();
      });
      await sleep(2000);
      for (let i = 0; i < count; i++) {
        const message = probeMessage('SSE probe');
        const seen = withTimeout(new Promise<void>((resolve) => (waiting = resolve)), 10_000, 'event on SSE');
        const sentAt = performance.now();
        await device.append('INBOX', message.raw);
        try {
          await seen;
          samples.push(performance.now() - sentAt);
        } catch {
          misses.count++;
        }
        waiting = null;
        await sleep(150 + Math.floor(Math.random() * 100));
      }
    } finally {
      stream.close();
    }
  } finally {
    await device.close();
    await session.logout().catch(() => undefined);
    session.close();
  }
  return samples;
}

export function pushResults(size: number, samples: readonly number[], idle: readonly number[], sse: readonly number[], sseMisses: number): Result[] {
  const baseline = measured(
    {
      suite: 'push',
      metric: 'bare imapflow in IDLE: other client APPENDs → EXISTS received',
      size,
      unit: 'ms',
      target: null,
      note: `${idle.length} appends; Dovecot's notification delay, the floor for any IMAP push`,
    },
    idle,
  );
  const server = measured(
    {
      suite: 'push',
      metric: 'server share: other client APPENDs → first INBOX event on a scripted SSE client',
      size,
      unit: 'ms',
      target: null,
      note: `${sse.length} appends${sseMisses > 0 ? `; ${sseMisses} more got no event within 10 s` : ''}`,
    },
    sse,
  );
  return [baseline, server, measured(
    {
      suite: 'push',
      metric: 'other client APPENDs → row visible (per message)',
      size,
      unit: 'ms',
      target: atMost(500, 'ms', 'p95'),
      note: `${samples.length} sequential appends, 150–250 ms apart`,
    },
    samples,
  )];
}
