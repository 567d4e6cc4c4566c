#!/usr/bin/env node
// Draws Keyfob's icon (a key fob on a key ring, on a rounded teal square) at every size the
// stores and the manifest need, into public/icon/<size>.png. Pure Node: shapes as signed
// distance fields, 4×4 supersampling, and a minimal PNG writer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const TEAL = [22, 110, 92];
const WHITE = [255, 255, 255];

/** Distance from p to a rounded box of half-size (hx, hy) and corner radius r, at the origin. */
function roundedBox(x, y, hx, hy, r) {
  const qx = Math.abs(x) - hx + r;
  const qy = Math.abs(y) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** The colour and coverage of one point of the unit square, or undefined where it is clear. */
function paint(x, y) {
  if (roundedBox(x - 0.5, y - 0.5, 0.5, 0.5, 0.22) > 0) return undefined;
  // The fob: a rounded bar turned 45°, with a round button in teal.
  const c = Math.SQRT1_2;
  const fx = (x - 0.6) * c + (y - 0.6) * c;
  const fy = -(x - 0.6) * c + (y - 0.6) * c;
  if (Math.hypot(x - 0.63, y - 0.63) < 0.085) return TEAL;
  if (roundedBox(fx, fy, 0.3, 0.17, 0.13) <= 0) return WHITE;
  // The ring it hangs from.
  const d = Math.hypot(x - 0.27, y - 0.27);
  if (d <= 0.15 && d >= 0.09) return WHITE;
  return TEAL;
}

function render(size) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
          );
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = 1 + px * 4;
      if (a > 0) {
        row[o] = Math.round(r / a);
        row[o + 1] = Math.round(g / a);
        row[o + 2] = Math.round(b / a);
        row[o + 3] = Math.round((255 * a) / samples ** 2);
      }
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(width, height, scanlines) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../public/icon/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(new URL(`${size}.png`, dir), render(size));
console.log(`wrote public/icon/{${SIZES.join(',')}}.png`);
