/**
 * Single messages written by people: plain and HTML notes, mail with PDF/PNG attachments,
 * meeting invitations, and the user's own sent mail and drafts.
 */
import { makeIcs, makePdf, makePng } from './binary-fixtures.ts';
import { DAY, HOUR, type PlanContext } from './plan-context.ts';
import { PEOPLE, USER, servicesOfKind, type Person } from './roster.ts';
import {
  INTERNATIONAL,
  WORK_SUBJECTS,
  escapeHtml,
  firstName,
  paragraph,
  plainBody,
  wrap,
} from './text-content.ts';
import type { MessagePlan } from './types.ts';

/** Sometimes a note goes to several people at once, with someone in Cc. */
function recipients(ctx: PlanContext, from: Person): { to: Person[]; cc?: Person[] } {
  const { rng } = ctx;
  if (!rng.chance(0.25)) return { to: [USER] };
  const others = rng.sample(
    PEOPLE.filter((person) => person !== from),
    rng.int(2, 4),
  );
  const [first, ...rest] = others;
  return rest.length > 0 && rng.chance(0.6)
    ? { to: [USER, ...(first ? [first] : [])], cc: rest }
    : { to: [USER, ...others] };
}

/** A note from a colleague or friend; about one in five also has an HTML version. */
export function personalMessage(ctx: PlanContext, folder: string, date: Date): MessagePlan {
  const { rng } = ctx;
  const from = rng.pick(PEOPLE);
  const international = rng.chance(0.1) ? rng.pick(INTERNATIONAL) : undefined;
  const text = international
    ? `${international.body}\n${firstName(from)}\n`
    : plainBody(rng, from, USER);
  const subject = international?.subject ?? rng.pick(WORK_SUBJECTS);
  const html = rng.chance(0.2)
    ? `<div dir="ltr">${text
        .trim()
        .split('\n\n')
        .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
        .join('')}</div>`
    : undefined;
  return ctx.plan({
    folder,
    date,
    from,
    ...recipients(ctx, from),
    subject,
    text,
    ...(html ? { html } : {}),
  });
}

const TINTS: readonly (readonly [number, number, number])[] = [
  [239, 68, 68],
  [59, 130, 246],
  [16, 185, 129],
  [245, 158, 11],
  [139, 92, 246],
];

/** A document (PDF) or photos (PNG) sent as regular attachments. */
export function attachmentMessage(ctx: PlanContext, folder: string, date: Date): MessagePlan {
  const { rng } = ctx;
  const from = rng.pick(PEOPLE);
  if (rng.chance(0.5)) {
    const title = rng.pick([
      'Quarterly report',
      'Meeting minutes',
      'Project proposal',
      'Floor plan',
    ]);
    const pdf = makePdf(title, [paragraph(rng, 1), paragraph(rng, 1), `Prepared by ${from.name}`]);
    return ctx.plan({
      folder,
      date,
      from,
      ...recipients(ctx, from),
      subject: `${title} (PDF)`,
      text: `Hi ${firstName(USER)},\n\nplease find the ${title.toLowerCase()} attached.\n\n${firstName(from)}\n`,
      attachments: [
        {
          filename: `${title.toLowerCase().replace(/ /g, '-')}.pdf`,
          content: pdf,
          contentType: 'application/pdf',
        },
      ],
    });
  }
  const count = rng.int(1, 3);
  const attachments = Array.from({ length: count }, (_, i) => ({
    filename: `photo-${i + 1}.png`,
    content: makePng(64, 48, rng.pick(TINTS), rng.pick(TINTS)),
    contentType: 'image/png',
  }));
  return ctx.plan({
    folder,
    date,
    from,
    to: [USER],
    subject: rng.pick([
      'Photos from the weekend',
      'Team photo from the offsite',
      'Screenshot of the bug',
    ]),
    text: `Here you go — ${count} picture${count > 1 ? 's' : ''} attached.\n\n${firstName(from)}\n`,
    attachments,
  });
}

/** A meeting request: text/calendar; method=REQUEST plus the .ics, as calendar apps send. */
export function inviteMessage(ctx: PlanContext, folder: string, date: Date): MessagePlan {
  const { rng } = ctx;
  const organizer = rng.chance(0.7)
    ? rng.pick(PEOPLE)
    : (servicesOfKind('notification').find((s) => s.name === 'Calendar') ?? USER);
  const attendees = [
    USER,
    ...rng.sample(
      PEOPLE.filter((person) => person !== organizer),
      rng.int(1, 4),
    ),
  ];
  // Meetings are a few days after the invite, on the hour, 30-90 minutes long.
  const start = new Date(Math.floor((date.getTime() + rng.int(1, 14) * DAY) / HOUR) * HOUR);
  const end = new Date(start.getTime() + rng.pick([30, 60, 90]) * 60_000);
  const summary = rng.pick([
    'Sprint planning',
    'Design review',
    '1:1',
    'Quarterly business review',
    'Kaffeepause ☕',
  ]);
  const ics = makeIcs({
    uid: `${rng.hex(16)}@petrel.test`,
    summary,
    location: rng.pick(['Room Kestrel', 'Video call', 'Café Olé, Hauptstraße 5']),
    description: paragraph(rng, 2),
    start,
    end,
    stamp: date,
    organizer,
    attendees,
  });
  return ctx.plan({
    folder,
    date,
    from: organizer,
    to: attendees,
    subject: `Invitation: ${summary} @ ${start.toUTCString().slice(0, 22)} UTC`,
    text: `${organizer.name} has invited you to "${summary}".\n\nWhen: ${start.toUTCString()}\n`,
    icalEvent: { method: 'REQUEST', filename: 'invite.ics', content: ics },
  });
}

/** A message the demo user wrote (not a thread reply): goes to Sent and is \Seen. */
export function sentMessage(ctx: PlanContext, date: Date): MessagePlan {
  const { rng } = ctx;
  const to = rng.sample(PEOPLE, rng.chance(0.8) ? 1 : rng.int(2, 3));
  const first = to[0] ?? USER;
  const cc = rng.chance(0.15)
    ? rng.sample(
        PEOPLE.filter((person) => !to.includes(person)),
        1,
      )
    : [];
  return ctx.plan({
    folder: 'Sent',
    date,
    from: USER,
    to,
    ...(cc.length > 0 ? { cc } : {}),
    subject: rng.pick(WORK_SUBJECTS),
    text: plainBody(rng, USER, first),
  });
}

/** Unfinished drafts: no sign-off, sometimes no subject, like real ones. */
export function draftMessage(ctx: PlanContext, date: Date): MessagePlan {
  const { rng } = ctx;
  const to = rng.pick(PEOPLE);
  return ctx.plan({
    folder: 'Drafts',
    date,
    from: USER,
    to: [to],
    subject: rng.chance(0.7) ? rng.pick(WORK_SUBJECTS) : '',
    text: `Hi ${firstName(to)},\n\n${wrap(paragraph(rng, rng.int(1, 2)))}\n\nTODO: `,
  });
}
