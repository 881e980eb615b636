/**
 * HTML templates for automated mail. They deliberately use the constructs real senders
 * use and a webmail must sanitize: table layouts, inline styles, cid: images, remote
 * images and 1x1 tracking pixels (the latter two should be blocked until allowed).
 */
import type { Rng } from './prng.ts';
import type { Service } from './roster.ts';
import { escapeHtml, paragraph } from './text-content.ts';

/** Host for "remote content" so tests and the privacy UI can recognise it. */
export const REMOTE_IMAGE_HOST = 'https://images.example.net';
export const TRACKING_HOST = 'https://t.example.net';

const HEADLINES: readonly string[] = [
  'Ten tips for a calmer inbox',
  'What we learned building offline-first apps',
  'The best hiking trails this autumn',
  'Five recipes for a rainy Sunday',
  'Inside the new release',
  'Why local-first software matters',
  'A beginner’s guide to sourdough',
  'Our favourite tools of the year',
  'Interview: the people behind the project',
  'The quiet return of plain-text email',
];

function page(service: Service, inner: string): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(service.name)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f3f4f6">
<tr><td align="center" style="padding:24px 8px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="max-width:600px">
${inner}
</table></td></tr></table></body></html>`;
}

export interface NewsletterContent {
  subject: string;
  html: string;
  text: string;
}

/**
 * A newsletter issue: header (cid logo when `logoCid` is given, else a remote logo),
 * three articles with remote hero images, a footer with unsubscribe link and pixel.
 */
export function newsletter(
  rng: Rng,
  service: Service,
  issue: number,
  logoCid?: string,
): NewsletterContent {
  const domain = service.address.split('@')[1] ?? 'news.example.com';
  const slug = domain.split('.')[0] ?? 'news';
  const articles = rng.sample(HEADLINES, 3);
  const logo = logoCid
    ? `<img src="cid:${logoCid}" width="48" height="48" alt="${escapeHtml(service.name)} logo">`
    : `<img src="${REMOTE_IMAGE_HOST}/${slug}/logo.png" width="48" height="48" alt="">`;
  const rows = articles
    .map((headline, i) => {
      const image = `${REMOTE_IMAGE_HOST}/${slug}/issue-${issue}/article-${i + 1}.jpg`;
      return `<tr><td style="padding:16px 24px">
<img src="${image}" width="552" height="220" alt="${escapeHtml(headline)}" style="display:block;width:100%;height:auto;border-radius:6px">
<h2 style="font-size:20px;color:#111827;margin:16px 0 8px">${escapeHtml(headline)}</h2>
<p style="font-size:15px;line-height:1.5;color:#374151;margin:0 0 12px">${escapeHtml(paragraph(rng, 3))}</p>
<a href="https://${domain}/issue/${issue}/${i + 1}?utm_source=newsletter" style="color:${service.color};font-weight:bold">Read more →</a>
</td></tr>`;
    })
    .join('\n');
  const pixel = `<img src="${TRACKING_HOST}/open/${rng.hex(24)}.gif" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`;
  const html = page(
    service,
    `<tr><td bgcolor="${service.color}" style="padding:16px 24px;color:#ffffff">
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>
<td style="padding-right:12px">${logo}</td>
<td style="font-size:22px;font-weight:bold;color:#ffffff">${escapeHtml(service.name)} · Issue ${issue}</td>
</tr></table></td></tr>
${rows}
<tr><td style="padding:16px 24px;font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb">
You receive this because you subscribed at ${escapeHtml(domain)}.
<a href="https://${domain}/unsubscribe?u=${rng.hex(12)}" style="color:#6b7280">Unsubscribe</a>
${pixel}</td></tr>`,
  );
  const text = [
    `${service.name} · Issue ${issue}`,
    '',
    ...articles.map((headline, i) => `* ${headline}\n  https://${domain}/issue/${issue}/${i + 1}`),
    '',
    `Unsubscribe: https://${domain}/unsubscribe`,
  ].join('\n');
  return { subject: `${service.name} #${issue}: ${articles[0] ?? ''}`, html, text };
}

export interface LineItem {
  name: string;
  quantity: number;
  cents: number;
}

export const money = (cents: number): string => `€${(cents / 100).toFixed(2)}`;

/** An order confirmation with an item table; the PDF invoice is attached by the caller. */
export function receipt(
  service: Service,
  order: string,
  items: readonly LineItem[],
): { html: string; text: string } {
  const total = items.reduce((sum, item) => sum + item.quantity * item.cents, 0);
  const rows = items
    .map(
      (item) => `<tr><td style="padding:6px 0">${escapeHtml(item.name)}</td>
<td align="center">${item.quantity}</td><td align="right">${money(item.quantity * item.cents)}</td></tr>`,
    )
    .join('\n');
  const html = page(
    service,
    `<tr><td style="padding:24px;border-top:6px solid ${service.color}">
<h1 style="font-size:22px;margin:0 0 8px">Thank you for your order</h1>
<p style="color:#4b5563;margin:0 0 16px">Order <strong>${order}</strong> · your invoice is attached as a PDF.</p>
<table width="100%" cellpadding="0" cellspacing="0" border="0" style="font-size:14px;border-collapse:collapse">
<tr style="border-bottom:1px solid #e5e7eb"><th align="left">Item</th><th>Qty</th><th align="right">Price</th></tr>
${rows}
<tr style="border-top:2px solid #111827"><td colspan="2"><strong>Total</strong></td><td align="right"><strong>${money(total)}</strong></td></tr>
</table></td></tr>`,
  );
  const text = [
    `Thank you for your order ${order}.`,
    '',
    ...items.map((item) => `${item.quantity} x ${item.name}  ${money(item.quantity * item.cents)}`),
    '',
    `Total: ${money(total)}`,
    'Your invoice is attached as a PDF.',
  ].join('\n');
  return { html, text };
}

/** CI / code-review notifications: short HTML with a status badge and a link. */
export function notification(
  service: Service,
  title: string,
  lines: readonly string[],
  ok: boolean,
): string {
  const badge = ok ? '#16a34a' : '#dc2626';
  return page(
    service,
    `<tr><td style="padding:20px 24px">
<span style="display:inline-block;padding:2px 8px;border-radius:4px;background:${badge};color:#fff;font-size:12px">${ok ? 'PASSED' : 'FAILED'}</span>
<h1 style="font-size:18px;margin:12px 0">${escapeHtml(title)}</h1>
<ul style="color:#374151;font-size:14px">${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
</td></tr>`,
  );
}

/** Spam with the usual tricks: shouting, hidden text, a remote "button" image. */
export function junk(rng: Rng, service: Service): { subject: string; html: string } {
  const subject = rng.pick([
    'CONGRATULATIONS!!! You have been selected',
    'Final notice: claim your reward today',
    '₣ree g1ft card waiting for you 🎁',
    'Re: your account will be suspended',
  ]);
  const html = page(
    service,
    `<tr><td align="center" style="padding:32px">
<h1 style="color:${service.color};font-size:32px">${escapeHtml(subject)}</h1>
<p style="font-size:1px;color:#ffffff">${escapeHtml(paragraph(rng, 2))}</p>
<a href="https://${rng.hex(8)}.example.net/claim"><img src="${REMOTE_IMAGE_HOST}/promo/${rng.hex(10)}/claim-button.png" width="300" height="80" alt="CLAIM NOW"></a>
<img src="${TRACKING_HOST}/px/${rng.hex(16)}.gif" width="1" height="1" alt="">
</td></tr>`,
  );
  return { subject, html };
}
