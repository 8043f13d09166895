// The CLI's pure helpers, called directly: what cannot be staged as root in a child process
// (permission errors) and the arithmetic behind --fix's line reports and --max-file-size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSize, UsageError } from '../../server/src/cli/args';
import { decodeInput, firstInvalidUtf8 } from '../../server/src/cli/decode';
import { ioError } from '../../server/src/cli/inputs';
import { afterEdits } from '../../server/src/cli/lint-command';

describe('cli units: I/O error messages', () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: raw message`), { code });
  it('names the common file-system errors plainly', () => {
    assert.deepEqual(ioError('secret.yaml', errno('EACCES')), { file: 'secret.yaml', code: 'EACCES', message: 'permission denied' });
    assert.deepEqual(ioError('a.yaml', errno('ELOOP')), { file: 'a.yaml', code: 'ELOOP', message: 'too many levels of symbolic links (a link loop)' });
    assert.deepEqual(ioError('x', errno('ENOENT')), { file: 'x', code: 'ENOENT', message: 'no such file or directory' });
    assert.deepEqual(ioError('x', errno('EWEIRD')), { file: 'x', code: 'EWEIRD', message: 'EWEIRD: raw message' });
  });
});

describe('cli units: decoding', () => {
  it('finds the first byte that is not UTF-8, overlong forms and surrogates included', () => {
    assert.equal(firstInvalidUtf8(Buffer.from('héllo wörld ✓ 😀')), -1);
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf])), 1, 'overlong /');
    assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0, 'UTF-16 surrogate');
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82])), 2, 'truncated sequence');
    assert.equal(firstInvalidUtf8(Buffer.from([0xf5, 0x80, 0x80, 0x80])), 0, 'past U+10FFFF');
  });

  it('takes a UTF-8 byte-order mark off and says it was there', () => {
    assert.deepEqual(decodeInput(Buffer.from('\ufeffkind: Pod\n')), { ok: true, text: 'kind: Pod\n', bom: true });
    assert.deepEqual(decodeInput(Buffer.from('')), { ok: true, text: '', bom: false });
  });
});

describe('cli units: --max-file-size', () => {
  it('reads bytes and binary multiples', () => {
    assert.equal(parseSize('1048576'), 1048576);
    assert.equal(parseSize('512k'), 512 * 1024);
    assert.equal(parseSize('10MB'), 10 * 1024 * 1024);
    assert.equal(parseSize('1.5m'), 1.5 * 1024 * 1024);
    assert.throws(() => parseSize('0'), UsageError);
    assert.throws(() => parseSize('ten'), UsageError);
  });
});

describe('cli units: where a fix ends up after later edits', () => {
  // "abcdef": replace "b" by "XYZ" (+2) and insert "!" after "e" (+1).
  const edits = [
    { start: 1, end: 2, text: 'XYZ' },
    { start: 5, end: 5, text: '!' },
  ];
  it('shifts offsets after an edit by what it added, and keeps earlier ones', () => {
    assert.equal(afterEdits(0, edits), 0);
    assert.equal(afterEdits(1, edits), 1, 'the start of an edit stays where it is');
    assert.equal(afterEdits(3, edits), 5);
    assert.equal(afterEdits(5, edits), 7, 'an insertion at the offset comes after it');
    assert.equal(afterEdits(6, edits), 9);
  });
  it('maps an offset inside a replaced range to the start of the replacement', () => {
    assert.equal(afterEdits(2, [{ start: 1, end: 4, text: '-' }]), 1);
  });
});
