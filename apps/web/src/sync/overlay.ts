/**
 * What local, unconfirmed actions change about a folder, so server data written while they
 * are in flight does not undo them on screen (the "pending layer" over confirmed data).
 */
export interface PendingOverlay {
  /** Messages (uidKey) a queued move or delete takes out of this folder: a listing must not re-add them. */
  leaving: ReadonlySet<string>;
  /** Queued flag changes by uidKey, re-applied over whatever flags the server reports. */
  flagOps: ReadonlyMap<string, ReadonlyArray<FlagChange>>;
}

/**
 * Keys the overlay by UIDVALIDITY and UID: after a folder is recreated the same UID names
 * another mail (RFC 9051 §2.3.1.1), which must not show a queued change meant for the old one.
 */
export function uidKey(uidValidity: number, uid: number): string {
  return `${uidValidity}:${uid}`;
}

export interface FlagChange {
  add: readonly string[];
  remove: readonly string[];
}

export const NO_OVERLAY: PendingOverlay = { leaving: new Set(), flagOps: new Map() };

/** Adds and removes flags, comparing case-insensitively as IMAP does (RFC 9051 §2.3.2). */
export function changeFlags(flags: readonly string[], change: FlagChange): string[] {
  const removed = new Set([...change.remove, ...change.add].map((flag) => flag.toLowerCase()));
  return [...flags.filter((flag) => !removed.has(flag.toLowerCase())), ...change.add];
}

export function hasFlag(flags: readonly string[], flag: string): boolean {
  const wanted = flag.toLowerCase();
  return flags.some((candidate) => candidate.toLowerCase() === wanted);
}

/** Server flags with every queued change for that message applied in order. */
export function overlayFlags(
  flags: readonly string[],
  key: string,
  overlay: PendingOverlay,
): string[] {
  return (overlay.flagOps.get(key) ?? []).reduce<string[]>(changeFlags, [...flags]);
}
