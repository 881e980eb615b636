import type { Attachment } from '@petrel/contract';
import type { MessageStructureObject } from 'imapflow';

/**
 * Reading imapflow's parsed BODYSTRUCTURE (RFC 9051 §7.5.2). Part numbers are the IMAP
 * section numbers (§6.4.5): what BODY.PEEK[<part>] and the part route take. A message that is
 * not multipart has no number on its root node; its body is section "1".
 *
 * An attached message/rfc822 is one downloadable part: we do not descend into it (its own
 * parts would be offered twice, and its text is not this message's text).
 */

export type StructureNode = MessageStructureObject;

export interface Leaf {
  part: string;
  node: StructureNode;
}

/** Every downloadable node in document order: non-multipart parts, message/rfc822 whole. */
export function leaves(root: StructureNode): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: StructureNode): void => {
    if (node.type.startsWith('multipart/')) node.childNodes?.forEach(walk);
    else out.push({ part: partNumber(node), node });
  };
  walk(root);
  return out;
}

/** Multipart nesting depth (1 for a single part) and number of nodes, to bound parsing. */
export function structureSize(root: StructureNode): { depth: number; nodes: number } {
  let nodes = 0;
  const depthOf = (node: StructureNode): number => {
    nodes++;
    const children = node.type.startsWith('multipart/') ? (node.childNodes ?? []) : [];
    return 1 + children.reduce((max, child) => Math.max(max, depthOf(child)), 0);
  };
  const depth = depthOf(root);
  return { depth, nodes };
}

/** Content-Disposition filename, else Content-Type name (imapflow decodes RFC 2231 and 2047). */
export function filenameOf(node: StructureNode): string | null {
  const name = node.dispositionParameters?.filename ?? node.parameters?.name;
  return name ? name : null;
}

/** A text alternative of the message itself rather than a file that happens to be text. */
export function isBodyText(node: StructureNode): boolean {
  return (
    (node.type === 'text/plain' || node.type === 'text/html') &&
    node.disposition !== 'attachment' &&
    filenameOf(node) === null
  );
}

/** The contract's `hasAttachments`: a part with disposition attachment or with a filename. */
export function hasAttachments(root: StructureNode): boolean {
  return leaves(root).some(
    ({ node }) => node.disposition === 'attachment' || filenameOf(node) !== null,
  );
}

/** The text part a preview is cut from: the first text/plain body part, else the first HTML. */
export function previewLeaf(root: StructureNode): Leaf | null {
  const texts = leaves(root).filter(({ node }) => isBodyText(node));
  return texts.find(({ node }) => node.type === 'text/plain') ?? texts[0] ?? null;
}

export function findLeaf(root: StructureNode, part: string): Leaf | null {
  return leaves(root).find((leaf) => leaf.part === part) ?? null;
}

/**
 * Splits the non-text parts into downloads and the parts the HTML shows inline through
 * `cid:` URLs (RFC 2392). An image with a Content-ID that the HTML never mentions is offered
 * as a download, or the user could not get at it at all.
 */
export function attachmentsOf(
  root: StructureNode,
  html: string | null,
): { attachments: Attachment[]; inline: Attachment[] } {
  const haystack = html?.toLowerCase() ?? '';
  const attachments: Attachment[] = [];
  const inline: Attachment[] = [];
  for (const { part, node } of leaves(root)) {
    if (isBodyText(node)) continue;
    const contentId = node.id ? node.id.trim().replace(/^<|>$/g, '') : null;
    const entry: Attachment = {
      part,
      filename: filenameOf(node),
      contentType: node.type,
      size: node.size ?? 0,
      contentId: contentId || null,
      disposition:
        node.disposition === 'attachment' || node.disposition === 'inline'
          ? node.disposition
          : null,
    };
    const referenced =
      entry.contentId !== null && haystack.includes(`cid:${entry.contentId.toLowerCase()}`);
    (referenced ? inline : attachments).push(entry);
  }
  return { attachments, inline };
}

function partNumber(node: StructureNode): string {
  return node.part ?? '1';
}
