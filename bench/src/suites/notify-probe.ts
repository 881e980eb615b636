// How soon can an IMAP client learn of new mail from Dovecot? A bare protocol probe, not a
// suite of the report: `cd bench && npx tsx src/suites/notify-probe.ts <idle|notify|noop> [gapMs] [noopEveryMs]`.
// One raw connection waits (IDLE, RFC 2177; NOTIFY, RFC 5465; or a NOOP every noopEveryMs)
// while another client APPENDs every gapMs; prints APPEND start → untagged EXISTS, in ms.
import { connect, type Socket } from 'node:net';
import { OtherDevice, startMailServer } from '@petrel/test-mailserver';
import { sleep } from '../resources.ts';
import { probeMessage } from './push-latency.ts';

const NOTIFY_SET =
  'NOTIFY SET (SELECTED (MessageNew (UID FLAGS ENVELOPE) MessageExpunge FlagChange)) (PERSONAL (MessageNew MessageExpunge MailboxName))';

const mode = process.argv[2] ?? 'idle';
const gapMs = Number(process.argv[3] ?? 2000);
const noopEveryMs = Number(process.argv[4] ?? 250);
const user = { email: 'probe@petrel.test', password: 'probe-password' };
const mail = await startMailServer({ users: [user] });
const device = await OtherDevice.connect(mail, user);
const socket = connect(mail.port, mail.host);
const lines = lineReader(socket);
try {
  await lines.next(); // greeting
  await command('a', `LOGIN ${user.email} ${user.password}`);
  await command('b', 'SELECT INBOX');
  if (mode === 'notify') await command('c', NOTIFY_SET);
  if (mode === 'idle') socket.write('c IDLE\r\n');
  let tag = 0;
  if (mode === 'noop') setInterval(() => socket.write(`n${tag++} NOOP\r\n`), noopEveryMs).unref();
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    await sleep(gapMs);
    const sentAt = performance.now();
    const seen = lines.until((line) => /^\* \d+ EXISTS/.test(line));
    await device.append('INBOX', probeMessage('Notify probe').raw);
    await seen;
    samples.push(Math.round(performance.now() - sentAt));
  }
  console.log(`${mode}, appends ${gapMs} ms apart: ${samples.join(' ')} ms`);
} finally {
  socket.destroy();
  await device.close();
  await mail.stop();
}

async function command(tag: string, text: string): Promise<void> {
  const done = lines.until((line) => line.startsWith(`${tag} `));
  socket.write(`${tag} ${text}\r\n`);
  const answer = await done;
  if (!answer.startsWith(`${tag} OK`)) throw new Error(answer);
}

function lineReader(stream: Socket) {
  let buffer = '';
  const waiting: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const index = waiting.findIndex((w) => w.test(line));
      if (index >= 0) waiting.splice(index, 1)[0]?.resolve(line);
    }
  });
  const until = (test: (line: string) => boolean) =>
    new Promise<string>((resolve) => waiting.push({ test, resolve }));
  return { until, next: () => until(() => true) };
}
