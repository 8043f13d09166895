// Draws the extension icon (images/icon.png, 128x128): a shield on a blue tile with a check mark.
// Plain zlib + PNG chunks, so no image tool is needed. Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = Buffer.alloc(N * N * 4);
function set(x, y, [r, g, b, a]) {
  const i = (y * N + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
}
const inShield = (x, y) => {
  const cx = 64, top = 18, mid = 70, bottom = 112, half = 38;
  if (y < top || y > bottom) return false;
  if (y <= mid) return Math.abs(x - cx) <= half;
  const t = (y - mid) / (bottom - mid);
  return Math.abs(x - cx) <= half * Math.sqrt(1 - t * t);
};
const distToSeg = (x, y, [x1, y1], [x2, y2]) => {
  const dx = x2 - x1, dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
};
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    const r = 22; // rounded tile corners
    const cx = Math.min(Math.max(x, r), N - 1 - r), cy = Math.min(Math.max(y, r), N - 1 - r);
    if (Math.hypot(x - cx, y - cy) > r) { set(x, y, [0, 0, 0, 0]); continue; }
    let c = [26, 86, 219, 255];
    if (inShield(x, y)) c = [255, 255, 255, 255];
    const check = Math.min(distToSeg(x, y, [44, 66], [58, 82]), distToSeg(x, y, [58, 82], [86, 48]));
    if (inShield(x, y) && check < 6) c = [22, 163, 74, 255];
    set(x, y, c);
  }
}
const raw = Buffer.alloc((N * 4 + 1) * N);
for (let y = 0; y < N; y++) px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync(new URL('../images/icon.png', import.meta.url), Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
]));
console.log('images/icon.png written');
