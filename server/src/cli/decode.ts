// Turns the bytes of an input into text, or says clearly why it cannot: binary data, UTF-16, or
// bytes that are not UTF-8. A UTF-8 byte-order mark is taken off (editors do not count it as a
// column) and put back when a fixed file is written.

export type Decoded = { ok: true; text: string; bom: boolean } | { ok: false; code: 'binary' | 'encoding'; message: string };

export function decodeInput(buf: Uint8Array): Decoded {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    return { ok: false, code: 'encoding', message: 'the file is UTF-16 encoded; Kubernetes manifests must be UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)' };
  }
  const nul = buf.indexOf(0);
  if (nul !== -1) return { ok: false, code: 'binary', message: `not a text file (NUL byte at offset ${nul}); binary input is not linted` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(buf));
    return { ok: false, code: 'encoding', message: `not valid UTF-8 (invalid byte 0x${buf[bad].toString(16).padStart(2, '0')} at offset ${bad}, line ${lineOf(buf, bad)})` };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { ok: true, text, bom };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
    else return i;
    if (i + len > n) return i;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += len;
  }
  return -1;
}

function lineOf(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++;
  return line;
}
