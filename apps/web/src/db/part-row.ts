/**
 * A MIME part kept for offline use: an inline (cid:) image or a small attachment of a
 * message whose body is cached. Parts live and die with their body: eviction removes
 * both, and a part whose body is gone is removed by the next prefetch pass.
 */
export interface PartRow {
  /** `${messageId}/${part}`. */
  id: string;
  messageId: string;
  /** IMAP section number, e.g. "1.2". */
  part: string;
  /** For images the type sniffed from the bytes; for attachments the declared type. */
  contentType: string;
  /**
   * Decoded bytes (an ArrayBuffer: IndexedDB stores it as is in every browser). Null for a
   * definite refusal (too large, not a raster image, part gone), so it is not asked again.
   */
  data: ArrayBuffer | null;
  /** data.byteLength, kept beside it so sizes can be summed without reading the bytes. */
  bytes: number;
  fetchedAt: number;
}
