/**
 * The frames of the last few messages read, kept parsed and laid out after the reader moved
 * on, so going back to one (j/k, back and forth between two mails) shows it at once instead
 * of parsing and laying out its document again (≈ 50–70 ms for a 200 KB newsletter, bench
 * open-message). Only where the browser can move an element without reloading it
 * (`Element.moveBefore`, Chromium 133+): moving an iframe any other way reloads its
 * document, which would save nothing. Elsewhere frames are simply dropped, as before.
 *
 * A kept frame waits in a parking element outside the app: off screen, hidden from
 * assistive technology, inert, and untitled, so the reader always holds exactly one frame
 * named "Message body".
 */
const KEEP = 4;

export interface KeptFrame {
  frame: HTMLIFrameElement;
  /** Its viewport width and measured content height when it was parked. */
  width: number;
  height: number | null;
}

interface Parked extends KeptFrame {
  srcDoc: string;
}

type MovableParent = HTMLElement & { moveBefore(node: Node, child: Node | null): void };

/** Oldest first. */
const parked = new Map<string, Parked>();
let parking: HTMLElement | null = null;
/**
 * Set at sign-out until a reader shows mail again: the signed-out reader unmounts after
 * dropKeptFrames or before it, and its frame must not be parked either way.
 */
let closed = false;

export function canKeepFrames(): boolean {
  return typeof (Element.prototype as Partial<MovableParent>).moveBefore === 'function';
}

/**
 * Moves `frame` under `parent` without reloading it; false (and the frame dropped) if the
 * browser refused, so a failed move never breaks the reader.
 */
function moveFrame(parent: HTMLElement, frame: HTMLIFrameElement): boolean {
  try {
    (parent as MovableParent).moveBefore(frame, null);
    return true;
  } catch {
    frame.remove();
    return false;
  }
}

/** The size a kept frame of this message showing exactly this document was parked at. */
export function peekKeptFrame(
  messageId: string,
  srcDoc: string,
): Pick<KeptFrame, 'width' | 'height'> | null {
  const entry = parked.get(messageId);
  return entry?.srcDoc === srcDoc ? { width: entry.width, height: entry.height } : null;
}

/**
 * Moves the kept frame of this message showing exactly this document under `parent` (the
 * reader's slot) and returns it; null when there is none (callers check canKeepFrames).
 */
export function adoptKeptFrame(
  parent: HTMLElement,
  messageId: string,
  srcDoc: string,
): HTMLIFrameElement | null {
  closed = false;
  const entry = parked.get(messageId);
  if (entry === undefined) return null;
  parked.delete(messageId);
  if (entry.srcDoc !== srcDoc) {
    entry.frame.remove();
    return null;
  }
  return moveFrame(parent, entry.frame) ? entry.frame : null;
}

/** Parks a frame the reader no longer shows; the oldest beyond KEEP are dropped. */
export function keepFrame(messageId: string, srcDoc: string, kept: KeptFrame): void {
  const { frame } = kept;
  if (closed) {
    frame.remove();
    return;
  }
  frame.removeAttribute('title');
  // Parked at the size it was shown at, so showing it again needs no new layout.
  frame.style.width = `${kept.width}px`;
  frame.style.height = `${kept.height ?? frame.clientHeight}px`;
  if (!moveFrame(parkingElement(), frame)) return;
  parked.get(messageId)?.frame.remove();
  parked.delete(messageId);
  parked.set(messageId, { ...kept, srcDoc });
  // Trimmed after the commit that parked it: React runs the leaving reader's cleanup before
  // the arriving one takes its frame, which may be the oldest kept.
  queueMicrotask(trim);
}

function trim(): void {
  for (const [id, entry] of parked) {
    if (parked.size <= KEEP) break;
    entry.frame.remove();
    parked.delete(id);
  }
}

/** Drops every kept frame (sign-out: nothing of the account's mail stays in the page). */
export function dropKeptFrames(): void {
  for (const entry of parked.values()) entry.frame.remove();
  parked.clear();
  closed = true;
}

function parkingElement(): HTMLElement {
  if (parking === null || !parking.isConnected) {
    parking = document.createElement('div');
    parking.className = 'mail-frame-parking';
    parking.setAttribute('aria-hidden', 'true');
    parking.inert = true;
    document.body.append(parking);
  }
  return parking;
}
