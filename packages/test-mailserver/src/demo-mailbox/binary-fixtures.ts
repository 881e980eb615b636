/**
 * Small but *valid* attachment payloads (PNG, PDF, iCalendar) built in code, so the demo
 * needs no binary files in the repo and every viewer/preview path gets real input rather
 * than random bytes that a PDF or image decoder would reject.
 */
import { crc32 } from 'node:zlib';
import type { Person } from './roster.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A zlib stream of "stored" (uncompressed) deflate blocks. zlib's compressed output may
 * change between zlib builds (Node upgrades), which would silently change the demo
 * mailbox bytes; stored blocks are fully specified by RFC 1950/1951. Images are tiny.
 */
function zlibStored(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x78, 0x01])];
  let at = 0;
  do {
    const block = data.subarray(at, at + 0xffff);
    at += block.length;
    const header = Buffer.alloc(5);
    header[0] = at >= data.length ? 1 : 0; // BFINAL on the last block; BTYPE 00 = stored
    header.writeUInt16LE(block.length, 1);
    header.writeUInt16LE(~block.length & 0xffff, 3);
    parts.push(header, block);
  } while (at < data.length);
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

/**
 * An RGB PNG with a diagonal gradient from `from` to `to`. Tinted per use so that the
 * logo, the photo attachment and the inline banner are visibly different images.
 */
export function makePng(
  width: number,
  height: number,
  from: readonly [number, number, number],
  to: readonly [number, number, number],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: truecolour RGB
  // bytes 10-12 (compression, filter, interlace) stay 0, the only values PNG defines.
  const stride = width * 3 + 1;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    pixels[y * stride] = 0; // filter type "None" for each scanline
    for (let x = 0; x < width; x++) {
      const t = (x + y) / Math.max(1, width + height - 2);
      for (let c = 0; c < 3; c++) {
        pixels[y * stride + 1 + x * 3 + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
      }
    }
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlibStored(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * PDF literal strings only need (, ) and \ escaped. WinAnsiEncoding matches Latin-1 for
 * printable characters, so "Zoë" survives; anything beyond Latin-1 becomes "?".
 */
function pdfText(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?').replace(/[\\()]/g, (ch) => `\\${ch}`);
}

/**
 * A one-page PDF 1.4 with a Helvetica text block. The xref table holds exact byte
 * offsets (that is what makes a PDF "valid" for strict readers such as pdf.js).
 */
export function makePdf(title: string, lines: readonly string[]): Buffer {
  const textOps = [`BT /F1 18 Tf 56 780 Td (${pdfText(title)}) Tj ET`];
  lines.forEach((line, i) => {
    textOps.push(`BT /F1 11 Tf 56 ${748 - i * 16} Td (${pdfText(line)}) Tj ET`);
  });
  const stream = textOps.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ' +
      '/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  // The binary comment line tells transfer agents this file is not 7-bit text.
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  // Each xref entry must be exactly 20 bytes: offset(10) sp gen(5) sp type(1) and the
  // two-byte end of line " \n" that the spec allows in place of CRLF.
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export interface CalendarEvent {
  uid: string;
  summary: string;
  location: string;
  description: string;
  start: Date;
  end: Date;
  stamp: Date;
  organizer: Person;
  attendees: readonly Person[];
}

function icsDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 text escaping: backslash, semicolon, comma and newlines. */
function icsText(text: string): string {
  return text.replace(/[\\;,]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF + space. */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    // First line may hold 75 octets, continuation lines 74 (the leading space counts).
    if (currentBytes + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      currentBytes = 0;
    }
    current += ch;
    currentBytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A METHOD:REQUEST invitation with one VEVENT, the shape calendar clients send. */
export function makeIcs(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Petrel//Demo Mailbox//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${icsDate(event.stamp)}`,
    `DTSTART:${icsDate(event.start)}`,
    `DTEND:${icsDate(event.end)}`,
    `SUMMARY:${icsText(event.summary)}`,
    `LOCATION:${icsText(event.location)}`,
    `DESCRIPTION:${icsText(event.description)}`,
    `ORGANIZER;CN="${event.organizer.name}":mailto:${event.organizer.address}`,
    ...event.attendees.map(
      (person) =>
        `ATTENDEE;CN="${person.name}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${person.address}`,
    ),
    'SEQUENCE:0',
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
