/**
 * Shared state for the planners: the PRNG, the reference "now" and the id counter.
 * Every id, boundary and date comes from here so one seed fixes the whole mailbox.
 */
import type { Rng } from './prng.ts';
import type { Person } from './roster.ts';
import type { MessagePlan } from './types.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The mailbox spans two years; ages stay a little inside that so tests have headroom. */
export const MAX_AGE = 728 * DAY;

export type PlanFields = Omit<MessagePlan, 'messageId' | 'boundary' | 'deliveryDelay' | 'flags'>;

export class PlanContext {
  private counter = 0;

  constructor(
    readonly rng: Rng,
    readonly now: Date,
  ) {}

  /**
   * Message-IDs look like real ones (timestamp.random@sender-domain) and carry a counter,
   * which makes them unique even if the PRNG ever repeated itself.
   */
  messageId(from: Person, date: Date): string {
    const stamp = date.toISOString().replace(/\D/g, '').slice(0, 14);
    const domain = from.address.split('@')[1] ?? 'petrel.test';
    return `<${stamp}.${this.rng.hex(12)}.${(this.counter++).toString(36)}@${domain}>`;
  }

  /** Completes a plan with its id, boundary seed and delivery delay. */
  plan(fields: PlanFields): MessagePlan {
    return {
      ...fields,
      messageId: this.messageId(fields.from, fields.date),
      boundary: this.rng.hex(16),
      deliveryDelay: this.rng.int(2, 180),
      flags: [],
    };
  }

  /**
   * A date `minAge`..`maxAge` ms before now; `bias` > 1 skews toward recent dates, the way
   * real mailboxes get busier over time and the newest mail matters most in a demo.
   */
  pastDate(minAge: number, maxAge: number, bias = 1): Date {
    const age = minAge + (maxAge - minAge) * Math.pow(this.rng.next(), bias);
    // Whole seconds: Date headers have no milliseconds, so internal dates shouldn't either.
    return new Date(Math.floor((this.now.getTime() - age) / 1000) * 1000);
  }
}
