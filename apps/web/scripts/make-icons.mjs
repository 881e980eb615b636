// Draws Petrel's app icons into public/ (run: node scripts/make-icons.mjs). No image tool
// is needed: the shapes are a few signed-distance functions, sampled 4×4 per pixel for
// smooth edges, and the PNG is written with zlib. public/icon.svg is the same drawing.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '../public');
const BLUE = [31, 95, 209];
const WHITE = [255, 255, 255];

/** Distance to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedRect(x, y, cx, cy, halfW, halfH, r) {
  const qx = Math.abs(x - cx) - halfW + r;
  const qy = Math.abs(y - cy) - halfH + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to the segment a–b. */
function segment(x, y, ax, ay, bx, by) {
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay));
}

/**
 * The colour at (x, y) in unit coordinates: a blue tile, a white envelope with a blue flap.
 * `scale` shrinks the envelope about the centre (maskable icons keep it in the safe zone);
 * `fullBleed` fills the square instead of rounding the tile's corners.
 */
function shade(x, y, { scale, fullBleed }) {
  const tile = fullBleed ? -1 : roundedRect(x, y, 0.5, 0.5, 0.5, 0.5, 0.22);
  if (tile > 0) return null;
  const ex = 0.5 + (x - 0.5) / scale;
  const ey = 0.5 + (y - 0.5) / scale;
  const envelope = roundedRect(ex, ey, 0.5, 0.5, 0.29, 0.21, 0.04);
  const flap = Math.min(
    segment(ex, ey, 0.25, 0.33, 0.5, 0.53),
    segment(ex, ey, 0.5, 0.53, 0.75, 0.33),
  );
  if (envelope <= 0 && flap > 0.028) return WHITE;
  return BLUE;
}

function render(size, options) {
  const SUB = 4;
  const rows = [];
  for (let py = 0; py < size; py += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUB; sy += 1) {
        for (let sx = 0; sx < SUB; sx += 1) {
          const colour = shade(
            (px + (sx + 0.5) / SUB) / size,
            (py + (sy + 0.5) / SUB) / size,
            options,
          );
          if (colour === null) continue;
          sum[0] += colour[0];
          sum[1] += colour[1];
          sum[2] += colour[2];
          sum[3] += 255;
        }
      }
      const covered = sum[3] / 255;
      const offset = 1 + px * 4;
      for (let c = 0; c < 3; c += 1) row[offset + c] = covered ? Math.round(sum[c] / covered) : 0;
      row[offset + 3] = Math.round(sum[3] / (SUB * SUB));
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function png(size, scanlines) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const icons = [
  ['icon-192.png', 192, { scale: 1, fullBleed: false }],
  ['icon-512.png', 512, { scale: 1, fullBleed: false }],
  // Maskable: platforms crop to a circle of 80% diameter; the envelope stays inside it.
  ['icon-maskable-512.png', 512, { scale: 0.8, fullBleed: true }],
  ['apple-touch-icon.png', 180, { scale: 0.9, fullBleed: true }],
];
for (const [name, size, options] of icons) {
  writeFileSync(join(publicDir, name), render(size, options));
  console.log(`wrote public/${name}`);
}
