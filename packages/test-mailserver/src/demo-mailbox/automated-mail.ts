/**
 * Machine-sent mail: newsletters (remote + cid images, tracking pixels), receipts with a
 * PDF invoice, CI/review notifications, spam, and the three very long messages.
 */
import { makePdf, makePng } from './binary-fixtures.ts';
import { type LineItem, junk, money, newsletter, notification, receipt } from './html-content.ts';
import { bigReportHtml, digest, logDump } from './long-content.ts';
import { HOUR, type PlanContext } from './plan-context.ts';
import { PEOPLE, USER, servicesOfKind } from './roster.ts';
import type { MessagePlan } from './types.ts';

/** Issue numbers grow with time so a folder of newsletters reads as a series. */
function issueNumber(ctx: PlanContext, date: Date): number {
  return 100 + Math.floor((date.getTime() - ctx.now.getTime() + 730 * 24 * HOUR) / (7 * 24 * HOUR));
}

/** A newsletter; with `inlineLogo` the logo is an embedded PNG referenced by cid:. */
export function newsletterMessage(
  ctx: PlanContext,
  folder: string,
  date: Date,
  inlineLogo: boolean,
): MessagePlan {
  const { rng } = ctx;
  const service = rng.pick(servicesOfKind('newsletter'));
  const cid = inlineLogo
    ? `logo-${rng.hex(8)}@${service.address.split('@')[1] ?? 'example.com'}`
    : undefined;
  const issue = newsletter(rng, service, issueNumber(ctx, date), cid);
  const slug = service.address.split('@')[1] ?? 'example.com';
  return ctx.plan({
    folder,
    date,
    from: service,
    to: [USER],
    subject: issue.subject,
    text: issue.text,
    html: issue.html,
    headers: {
      'List-Id': `<news.${slug}>`,
      'List-Unsubscribe': `<https://${slug}/unsubscribe>, <mailto:unsubscribe@${slug}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    ...(cid
      ? {
          attachments: [
            {
              filename: 'logo.png',
              cid,
              content: makePng(48, 48, [255, 255, 255], [30, 64, 175]),
              contentType: 'image/png',
            },
          ],
        }
      : {}),
  });
}

const PRODUCTS: readonly LineItem[] = [
  { name: 'Paperback: Offline-First Design', quantity: 1, cents: 2999 },
  { name: 'Regional train ticket, 2nd class', quantity: 1, cents: 4350 },
  { name: 'VPS small (monthly)', quantity: 1, cents: 1200 },
  { name: 'Flat white', quantity: 2, cents: 380 },
  { name: 'Croissant aux amandes', quantity: 1, cents: 320 },
  { name: 'Notebook, dotted A5', quantity: 3, cents: 850 },
];

/** An order confirmation with an HTML item table and the PDF invoice attached. */
export function receiptMessage(ctx: PlanContext, folder: string, date: Date): MessagePlan {
  const { rng } = ctx;
  const service = rng.pick(servicesOfKind('receipt'));
  const order = `${service.name.slice(0, 2).toUpperCase()}-${rng.int(100000, 999999)}`;
  const items = rng.sample(PRODUCTS, rng.int(1, 3));
  const { html, text } = receipt(service, order, items);
  const pdf = makePdf(`Invoice ${order}`, [
    service.name,
    `Date: ${date.toISOString().slice(0, 10)}`,
    ...items.map(
      (item) =>
        `${item.quantity} x ${item.name}   ${money(item.quantity * item.cents).replace('€', 'EUR ')}`,
    ),
    'Thank you for your business.',
  ]);
  return ctx.plan({
    folder,
    date,
    from: service,
    to: [USER],
    subject: `Your receipt ${order} from ${service.name}`,
    text,
    html,
    attachments: [
      { filename: `invoice-${order}.pdf`, content: pdf, contentType: 'application/pdf' },
    ],
  });
}

/** Build and review notifications: HTML + text, like CI systems send. */
export function notificationMessage(ctx: PlanContext, folder: string, date: Date): MessagePlan {
  const { rng } = ctx;
  const service = rng.pick(servicesOfKind('notification').filter((s) => s.name !== 'Calendar'));
  const ok = rng.chance(0.75);
  const run = rng.int(1000, 9999);
  const author = rng.pick(PEOPLE);
  const title =
    service.name === 'Petrel CI'
      ? `[petrel] Build #${run} ${ok ? 'passed' : 'failed'} on main`
      : `[petrel] ${author.name} requested your review on PR #${run}`;
  const lines = [
    `Commit ${rng.hex(10)} by ${author.name}`,
    `Duration ${rng.int(2, 40)}m ${rng.int(0, 59)}s`,
  ];
  return ctx.plan({
    folder,
    date,
    from: service,
    to: [USER],
    subject: title,
    text: `${title}\n\n${lines.join('\n')}\n`,
    html: notification(service, title, lines, ok),
  });
}

export function junkMessage(ctx: PlanContext, date: Date): MessagePlan {
  const service = ctx.rng.pick(servicesOfKind('junk'));
  const { subject, html } = junk(ctx.rng, service);
  return ctx.plan({ folder: 'Junk', date, from: service, to: [USER], subject, html });
}

/**
 * The three very long messages: a pasted plain-text log (~270 KB), an HTML report with
 * a big table (~450 KB) and a text+HTML mailing-list digest (~350 KB).
 */
export function longMessages(ctx: PlanContext): MessagePlan[] {
  const { rng } = ctx;
  const marcus = PEOPLE.find((p) => p.name === 'Marcus Lee') ?? USER;
  const ci = servicesOfKind('notification')[0] ?? USER;
  const logDate = ctx.pastDate(20 * 24 * HOUR, 40 * 24 * HOUR);
  const reportDate = ctx.pastDate(2 * 24 * HOUR, 6 * 24 * HOUR);
  const digestDate = ctx.pastDate(8 * 24 * HOUR, 15 * 24 * HOUR);
  const digestBody = digest(
    rng.fork(),
    260,
    PEOPLE.map((p) => `${p.name} <${p.address}>`),
  );
  return [
    ctx.plan({
      folder: 'Projects/Petrel',
      date: logDate,
      from: marcus,
      to: [USER],
      cc: rng.sample(PEOPLE, 2),
      subject: 'Incident log from last night (full)',
      text: logDump(rng.fork(), new Date(logDate.getTime() - 10 * HOUR), 2900),
    }),
    ctx.plan({
      folder: 'INBOX',
      date: reportDate,
      from: ci,
      to: [USER],
      subject: 'Monthly usage report',
      html: bigReportHtml(rng.fork(), 2300),
    }),
    ctx.plan({
      folder: 'INBOX',
      date: digestDate,
      from: { name: 'petrel-users', address: 'petrel-users@lists.example.org', tz: 0 },
      to: [USER],
      subject: 'Petrel-users Digest, Vol 12, Issue 4',
      ...digestBody,
    }),
  ];
}
