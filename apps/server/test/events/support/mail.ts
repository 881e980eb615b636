import type { EventInput } from '../../../src/events/event-log.ts';

/** A small RFC 5322 message, as another device would append it. */
export function message(subject: string): string {
  return [
    'From: Bob <bob@petrel.test>',
    'To: Alice <alice@petrel.test>',
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W+/g, '-')}.${Date.now()}@petrel.test>`,
    'Date: Mon, 01 Jan 2024 10:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Body of ${subject}`,
    '',
  ].join('\r\n');
}

export type EventOf<T extends EventInput['type']> = Extract<EventInput, { type: T }>;

/** The first event of `type` (and, for folder events, of `folder`), if any yet. */
export function firstOf<T extends EventInput['type']>(
  events: readonly EventInput[],
  type: T,
  folder?: string,
): EventOf<T> | undefined {
  return events.find(
    (event): event is EventOf<T> =>
      event.type === type &&
      (folder === undefined || ('folder' in event && event.folder === folder)),
  );
}
