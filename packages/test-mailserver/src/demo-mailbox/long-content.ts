/**
 * Bodies for the few very long messages (roughly 200-600 KB raw). They exist to exercise
 * the reader's rendering, virtualization and sync of big bodies, so they are long in the
 * body itself rather than in an attachment.
 */
import type { Rng } from './prng.ts';
import { escapeHtml, paragraph, wrap } from './text-content.ts';

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'] as const;
const COMPONENTS = ['sync', 'imap', 'search', 'store', 'http', 'queue', 'auth'] as const;
const EVENTS = [
  'fetched batch of messages',
  'IDLE connection refreshed',
  'index segment merged',
  'retrying after transient network error',
  'flag change pushed to server',
  'cache eviction completed',
  'token refreshed',
  'request completed',
] as const;

/** A plain-text incident log of `lines` lines (~90 bytes each) pasted into the body. */
export function logDump(rng: Rng, start: Date, lines: number): string {
  const out: string[] = [
    'Hi team,',
    '',
    'here is the full log from last night’s incident, pasted inline as requested.',
    '',
  ];
  let t = start.getTime();
  for (let i = 0; i < lines; i++) {
    t += rng.int(5, 900);
    const level = rng.pick(LEVELS);
    const component = rng.pick(COMPONENTS);
    out.push(
      `${new Date(t).toISOString()} ${level.padEnd(5)} [${component.padEnd(6)}] ` +
        `${rng.pick(EVENTS)} id=${rng.hex(8)} took=${rng.int(1, 4000)}ms`,
    );
  }
  out.push('', 'Let me know if you need the metrics too.', '', 'Marcus');
  return out.join('\n');
}

/** An HTML report with a big table of `rows` rows (~200 bytes per row). */
export function bigReportHtml(rng: Rng, rows: number): string {
  const regions = ['EU-West', 'EU-Central', 'US-East', 'US-West', 'AP-Tokyo', 'AP-Sydney'];
  const body: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const ok = rng.chance(0.93);
    body.push(
      `<tr><td>${i}</td><td>${rng.pick(regions)}</td><td>acct-${rng.hex(6)}</td>` +
        `<td align="right">${rng.int(10, 99_999)}</td><td align="right">${(rng.next() * 100).toFixed(2)}%</td>` +
        `<td style="color:${ok ? '#15803d' : '#b91c1c'}">${ok ? 'healthy' : 'degraded'}</td></tr>`,
    );
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Monthly usage report</title></head>
<body style="font-family:Arial,sans-serif;font-size:13px">
<h1>Monthly usage report</h1>
<p>${escapeHtml(paragraph(rng, 3))}</p>
<table border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse">
<thead><tr><th>#</th><th>Region</th><th>Account</th><th>Requests</th><th>Error rate</th><th>Status</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>
<p>Generated automatically. Do not reply.</p>
</body></html>`;
}

/** A mailing-list digest: many short posts, each with a header block, as text and HTML. */
export function digest(
  rng: Rng,
  posts: number,
  people: readonly string[],
): { text: string; html: string } {
  const text: string[] = ['Petrel-users Digest', `${posts} messages`, ''];
  const html: string[] = [
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>',
    '<h1>Petrel-users Digest</h1>',
  ];
  for (let i = 1; i <= posts; i++) {
    const author = rng.pick(people);
    const topic = rng.pick(EVENTS);
    const body = [wrap(paragraph(rng, rng.int(2, 4))), wrap(paragraph(rng, rng.int(1, 3)))];
    text.push(
      `Message: ${i}`,
      `From: ${author}`,
      `Subject: ${topic}`,
      '',
      ...body,
      '',
      '-'.repeat(40),
      '',
    );
    html.push(
      `<h3 id="m${i}">${i}. ${escapeHtml(topic)}</h3><p><em>${escapeHtml(author)}</em></p>`,
      ...body.map((p) => `<p>${escapeHtml(p)}</p>`),
      '<hr>',
    );
  }
  html.push('</body></html>');
  return { text: text.join('\n'), html: html.join('\n') };
}
