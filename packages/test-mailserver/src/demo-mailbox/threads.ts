/**
 * Conversation threads of 3-8 messages between the demo user and 1-3 other people, with
 * In-Reply-To/References chained the way RFC 5322 §3.6.4 describes, "Re:" subjects and
 * quoted replies. The user's own messages land in Sent, the others in the thread's home
 * folder, which is how a real mailbox ends up with threads spanning folders.
 */
import { DAY, HOUR, MAX_AGE, MINUTE, type PlanContext } from './plan-context.ts';
import { PEOPLE, USER, type Person } from './roster.ts';
import {
  INTERNATIONAL,
  WORK_SUBJECTS,
  firstName,
  paragraph,
  plainBody,
  quoteReply,
  replySubject,
  wrap,
} from './text-content.ts';
import type { MessagePlan } from './types.ts';

export interface ThreadSpec {
  /** Folder for messages the user received in this thread. */
  home: string;
  count: number;
  /** Skews thread dates toward the present (INBOX) or spreads them (Archive). */
  bias: number;
}

/** Upper bound of the user's messages per thread: keeps Sent within its planned size. */
export const MAX_USER_MESSAGES_PER_THREAD = 3;
export const MAX_THREAD_LENGTH = 8;

const REPLY_LINES: readonly string[] = [
  'Sounds good to me.',
  'Agreed, let’s go with that.',
  'Thanks! I will take a look tomorrow morning.',
  'Good point — I hadn’t thought about that.',
  'Could we push this to next week?',
  'Done, see the updated version.',
  'I’m not sure about the second part, can we discuss it on a call?',
  '+1, ship it.',
];

function chooseSender(
  ctx: PlanContext,
  previous: Person,
  others: readonly Person[],
  userCount: number,
): Person {
  if (previous === USER) return ctx.rng.pick(others);
  const alternatives = others.filter((person) => person !== previous);
  const userMayReply = userCount < MAX_USER_MESSAGES_PER_THREAD;
  if (userMayReply && (alternatives.length === 0 || ctx.rng.chance(0.6))) return USER;
  // With a single correspondent and the user's quota used up, they send a follow-up.
  return alternatives.length > 0 ? ctx.rng.pick(alternatives) : previous;
}

/** Reply-all addressing: To the person answered, Cc everyone else in the conversation. */
function addressees(from: Person, answered: Person | undefined, participants: readonly Person[]) {
  const rest = participants.filter((person) => person !== from);
  const primary = answered && answered !== from ? answered : rest[0];
  const to = primary ? [primary] : [USER];
  const cc = rest.filter((person) => person !== primary);
  return { to, cc };
}

function planThread(ctx: PlanContext, spec: ThreadSpec): MessagePlan[] {
  const { rng } = ctx;
  const length = rng.int(3, MAX_THREAD_LENGTH);
  const others = rng.sample(PEOPLE, rng.chance(0.55) ? 1 : rng.int(2, 3));
  const participants = [USER, ...others];
  const international = rng.chance(0.15) ? rng.pick(INTERNATIONAL) : undefined;
  const subject = international?.subject ?? rng.pick(WORK_SUBJECTS);

  // Gaps first, so the whole thread can be placed to end before `now`.
  const gaps = Array.from({ length: length - 1 }, () =>
    rng.chance(0.7) ? rng.int(5 * MINUTE, 6 * HOUR) : rng.int(6 * HOUR, 3 * DAY),
  );
  const span = gaps.reduce((sum, gap) => sum + gap, 0);
  let start = ctx.pastDate(20 * MINUTE, MAX_AGE - span, spec.bias).getTime();
  start = Math.min(start, ctx.now.getTime() - span - 20 * MINUTE);

  const messages: MessagePlan[] = [];
  let sender: Person = rng.chance(0.2) ? USER : (others[0] as Person);
  let userCount = 0;
  let time = start;
  for (let i = 0; i < length; i++) {
    const previous = messages[i - 1];
    if (previous) {
      time += gaps[i - 1] ?? 0;
      sender = chooseSender(ctx, previous.from, others, userCount);
    }
    if (sender === USER) userCount++;
    const { to, cc } = addressees(sender, previous?.from, participants);
    const date = new Date(Math.floor(time / 1000) * 1000);
    let text: string;
    if (!previous) {
      text = international
        ? `${international.body}\n${firstName(sender)}\n`
        : plainBody(rng, sender, to[0] ?? USER);
    } else {
      const reply = wrap(
        `${rng.pick(REPLY_LINES)} ${rng.chance(0.5) ? paragraph(rng, rng.int(1, 2)) : ''}`.trim(),
      );
      text = `${reply}\n\n${firstName(sender)}\n\n${quoteReply(previous.text ?? '', previous.date, previous.from)}`;
      if (sender === USER) previous.answered = true;
    }
    const fields = {
      folder: sender === USER ? 'Sent' : spec.home,
      date,
      from: sender,
      to,
      subject: previous ? replySubject(subject) : subject,
      text,
      ...(cc.length > 0 ? { cc } : {}),
      ...(previous
        ? {
            inReplyTo: previous.messageId,
            references: [...(previous.references ?? []), previous.messageId],
          }
        : {}),
    };
    messages.push(ctx.plan(fields));
  }
  return messages;
}

export function planThreads(ctx: PlanContext, specs: readonly ThreadSpec[]): MessagePlan[] {
  const out: MessagePlan[] = [];
  for (const spec of specs) {
    for (let i = 0; i < spec.count; i++) out.push(...planThread(ctx, spec));
  }
  return out;
}
