/**
 * What local, unconfirmed actions change about a folder, so server data written while they
 * are in flight does not undo them on screen (the "pending layer" over confirmed data).
 */
export interface PendingOverlay {
  /** UIDs an in-flight move or delete takes out of this folder: a listing must not re-add them. */
  leaving: ReadonlySet<number>;
  /** Flag changes in flight by UID, re-applied over whatever flags the server reports. */
  flagOps: ReadonlyMap<number, ReadonlyArray<FlagChange>>;
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

/** Server flags with every in-flight change for that UID applied in order. */
export function overlayFlags(
  flags: readonly string[],
  uid: number,
  overlay: PendingOverlay,
): string[] {
  return (overlay.flagOps.get(uid) ?? []).reduce<string[]>(changeFlags, [...flags]);
}
