/**
 * Plans the whole demo mailbox (synchronously, all PRNG use in one fixed order), assigns
 * flags, then composes MIME concurrently. Keeping randomness out of the async part is
 * what makes the output byte-identical for a given seed and `now`.
 */
import {
  junkMessage,
  longMessages,
  newsletterMessage,
  notificationMessage,
  receiptMessage,
} from './automated-mail.ts';
import { composeMessage } from './compose.ts';
import { FRESH_INBOX_COUNT, assignFlags } from './flags.ts';
import {
  attachmentMessage,
  draftMessage,
  inviteMessage,
  personalMessage,
  sentMessage,
} from './personal-mail.ts';
import { DAY, HOUR, MAX_AGE, MINUTE, PlanContext } from './plan-context.ts';
import { Rng } from './prng.ts';
import { type ThreadSpec, planThreads } from './threads.ts';
import type { MessagePlan, SeedMessage } from './types.ts';

/** User folders created besides the special-use ones; parents come before children. */
export const DEMO_FOLDERS: readonly string[] = [
  'Projects',
  'Projects/Petrel',
  'Newsletters',
  'Receipts',
];

/** Fixed defaults so `generateDemoMailbox()` always yields the same demo mailbox. */
export const DEFAULT_SEED = 20261101;
export const DEFAULT_NOW = new Date('2026-11-01T09:00:00Z');

/** Exact number of messages per folder (threads first, then single messages fill up). */
export const FOLDER_SIZES: Readonly<Record<string, number>> = {
  INBOX: 1400,
  Archive: 260,
  Sent: 240,
  Drafts: 5,
  Junk: 8,
  Trash: 12,
  Projects: 40,
  'Projects/Petrel': 70,
  Newsletters: 90,
  Receipts: 45,
};

/**
 * Thread counts are chosen so that even the longest possible threads (8 messages, 3 of
 * them by the user) fit inside FOLDER_SIZES for every seed: 74 threads x 3 <= 240 Sent.
 */
const THREADS: readonly ThreadSpec[] = [
  { home: 'INBOX', count: 45, bias: 1.6 },
  { home: 'Archive', count: 20, bias: 0.8 },
  { home: 'Projects/Petrel', count: 6, bias: 1 },
  { home: 'Projects', count: 3, bias: 1 },
];

type Maker = (ctx: PlanContext, folder: string, date: Date) => MessagePlan;
const newsletterWithLogo: Maker = (ctx, folder, date) =>
  newsletterMessage(ctx, folder, date, ctx.rng.chance(0.35));

/** Content mix of the single messages in each folder, as [weight, maker] pairs. */
const MIX: Readonly<Record<string, readonly (readonly [number, Maker])[]>> = {
  INBOX: [
    [0.5, personalMessage],
    [0.2, notificationMessage],
    [0.08, attachmentMessage],
    [0.05, inviteMessage],
    [0.12, newsletterWithLogo],
    [0.05, receiptMessage],
  ],
  Archive: [
    [0.6, personalMessage],
    [0.15, attachmentMessage],
    [0.1, receiptMessage],
    [0.05, inviteMessage],
    [0.1, notificationMessage],
  ],
  Projects: [
    [0.5, personalMessage],
    [0.3, attachmentMessage],
    [0.2, inviteMessage],
  ],
  'Projects/Petrel': [
    [0.6, notificationMessage],
    [0.3, personalMessage],
    [0.1, attachmentMessage],
  ],
  Newsletters: [[1, newsletterWithLogo]],
  Receipts: [[1, receiptMessage]],
  Trash: [
    [0.4, personalMessage],
    [0.4, newsletterWithLogo],
    [0.2, notificationMessage],
  ],
  Sent: [[1, (ctx, _folder, date) => sentMessage(ctx, date)]],
  Drafts: [[1, (ctx, _folder, date) => draftMessage(ctx, date)]],
  Junk: [[1, (ctx, _folder, date) => junkMessage(ctx, date)]],
};

function pickMaker(ctx: PlanContext, folder: string): Maker {
  const mix = MIX[folder] ?? [];
  let roll = ctx.rng.next() * mix.reduce((sum, [weight]) => sum + weight, 0);
  for (const [weight, maker] of mix) {
    roll -= weight;
    if (roll < 0) return maker;
  }
  const last = mix[mix.length - 1];
  if (!last) throw new Error(`no content mix for folder ${folder}`);
  return last[1];
}

/** Date for the n-th single message of a folder; the first INBOX ones are brand new. */
function fillerDate(ctx: PlanContext, folder: string, n: number): Date {
  switch (folder) {
    case 'INBOX':
      return n < FRESH_INBOX_COUNT + 5
        ? ctx.pastDate(10 * MINUTE, 3 * DAY, 1.3)
        : ctx.pastDate(HOUR, MAX_AGE, 1.5);
    case 'Archive':
      return ctx.pastDate(14 * DAY, MAX_AGE, 0.9);
    case 'Junk':
    case 'Trash':
      // Most servers purge these after 30 days, so old mail would look wrong here.
      return ctx.pastDate(HOUR, 30 * DAY);
    case 'Drafts':
      return ctx.pastDate(HOUR, 20 * DAY);
    default:
      return ctx.pastDate(HOUR, MAX_AGE, 1.2);
  }
}

/** Folder order of the output; within a folder messages are in arrival order (UID order). */
const OUTPUT_ORDER = ['INBOX', 'Archive', 'Sent', 'Drafts', 'Junk', 'Trash', ...DEMO_FOLDERS];

/** INTERNALDATE is when the server got it: a little after the Date header, never after now. */
function arrival(plan: MessagePlan, now: Date): number {
  return Math.min(now.getTime(), plan.date.getTime() + plan.deliveryDelay * 1000);
}

export function planDemoMailbox(seed: number, now: Date): MessagePlan[] {
  const ctx = new PlanContext(new Rng(seed), now);
  const plans = [...planThreads(ctx, THREADS), ...longMessages(ctx)];
  for (const folder of OUTPUT_ORDER) {
    const planned = plans.filter((plan) => plan.folder === folder).length;
    const target = FOLDER_SIZES[folder] ?? 0;
    if (planned > target)
      throw new Error(`${folder}: ${planned} planned messages exceed ${target}`);
    for (let n = 0; n < target - planned; n++) {
      plans.push(pickMaker(ctx, folder)(ctx, folder, fillerDate(ctx, folder, n)));
    }
  }
  assignFlags(ctx.rng, plans);
  return plans.sort(
    (a, b) =>
      OUTPUT_ORDER.indexOf(a.folder) - OUTPUT_ORDER.indexOf(b.folder) ||
      arrival(a, now) - arrival(b, now) ||
      (a.messageId < b.messageId ? -1 : 1),
  );
}

export async function generateDemoMailbox(
  options: { seed?: number; now?: Date } = {},
): Promise<SeedMessage[]> {
  const now = options.now ?? DEFAULT_NOW;
  const plans = planDemoMailbox(options.seed ?? DEFAULT_SEED, now);
  const raws = await Promise.all(plans.map(composeMessage));
  return plans.map((plan, i) => ({
    folder: plan.folder,
    raw: raws[i] as Buffer,
    flags: [...plan.flags],
    internalDate: new Date(arrival(plan, now)),
  }));
}
