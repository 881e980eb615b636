import type { MessageHeader } from '@petrel/contract';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { previewLeaf } from './body-structure.ts';
import { HEADER_QUERY, toMessageHeader, type FolderIdentity } from './message-header.ts';
import { previewText, type PreviewSource } from './preview.ts';
import { formatUidSet } from './uid-set.ts';

/** HTML spends its first bytes on markup, so it gets a larger window than plain text. */
const PREVIEW_OCTETS = { text: 512, html: 2048 } as const;

/**
 * Headers of the messages in `range` (sequence numbers, or UIDs with `byUid`) of the
 * selected mailbox, ascending. Two round trips whatever the page size: one FETCH for the
 * header data and BODYSTRUCTURE, then one partial FETCH per distinct preview part number
 * (almost always just "1" and "1.1"), each over a UID set.
 */
export async function fetchHeaders(
  client: ImapFlow,
  where: FolderIdentity,
  range: string,
  byUid: boolean,
): Promise<MessageHeader[]> {
  if (range === '') return [];
  const messages: FetchMessageObject[] = [];
  for await (const message of client.fetch(range, HEADER_QUERY, { uid: byUid })) {
    messages.push(message);
  }
  const previews = await fetchPreviews(client, messages);
  return messages.map((message) =>
    toMessageHeader(where, message, previews.get(message.uid) ?? ''),
  );
}

interface PreviewGroup {
  part: string;
  octets: number;
  sources: Map<number, PreviewSource>;
}

async function fetchPreviews(
  client: ImapFlow,
  messages: readonly FetchMessageObject[],
): Promise<Map<number, string>> {
  const groups = new Map<string, PreviewGroup>();
  for (const message of messages) {
    const leaf = message.bodyStructure ? previewLeaf(message.bodyStructure) : null;
    if (!leaf || leaf.node.size === 0) continue;
    const html = leaf.node.type === 'text/html';
    const key = `${leaf.part}/${html ? 'html' : 'text'}`;
    const group = groups.get(key) ?? {
      part: leaf.part,
      octets: html ? PREVIEW_OCTETS.html : PREVIEW_OCTETS.text,
      sources: new Map(),
    };
    group.sources.set(message.uid, {
      encoding: leaf.node.encoding,
      charset: leaf.node.parameters?.charset,
      html,
    });
    groups.set(key, group);
  }
  const previews = new Map<number, string>();
  for (const { part, octets, sources } of groups.values()) {
    const query = { uid: true, bodyParts: [{ key: part, start: 0, maxLength: octets }] };
    for await (const message of client.fetch(formatUidSet(sources.keys()), query, { uid: true })) {
      const bytes = message.bodyParts?.get(part);
      const source = sources.get(message.uid);
      if (bytes && source) previews.set(message.uid, previewText(bytes, source));
    }
  }
  return previews;
}
