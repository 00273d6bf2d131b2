import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffFileType } from './file-type.js';

const b = (...parts: Array<number[] | string>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('file types by content', () => {
  it.each([
    ['jpeg', b([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['png', b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR')],
    ['webp', b('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
    ['pdf', b('%PDF-1.4\n')],
    ['docx', b([0x50, 0x4b, 0x03, 0x04], 'xxxx[Content_Types].xml....word/document.xml')],
  ])('%s', (type, buf) => expect(sniffFileType(buf)).toBe(type));

  it.each([
    ['an exe', b('MZ', [0x90, 0, 3, 0])],
    ['a WAV (RIFF but not WEBP)', b('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
    ['an xlsx (zip without word/)', b([0x50, 0x4b, 0x03, 0x04], '[Content_Types].xml xl/workbook.xml')],
    ['a plain zip', b([0x50, 0x4b, 0x03, 0x04], 'word/ but no content types')],
    ['HTML', b('<html><script>alert(1)</script>')],
    ['SVG', b('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a truncated PNG signature', b([0x89, 0x50, 0x4e, 0x47])],
    ['nothing', b()],
  ])('refuses %s', (_name, buf) => expect(sniffFileType(buf)).toBeNull());
});

describe('clean file names', () => {
  it.each([
    ['现场照片.png', '现场照片.png'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\a.pdf', 'a.pdf'],
    ['a\u0000b\r\n"c".pdf', 'abc.pdf'],
    ['.hidden.png', 'hidden.png'],
    ['', 'attachment.png'],
    [undefined, 'attachment.png'],
    ['...', 'attachment.png'],
  ])('%j → %s', (name, clean) => expect(cleanFileName(name, 'png')).toBe(clean));

  it('keeps the extension when it cuts a long name to 120 characters', () => {
    const out = cleanFileName(`${'长'.repeat(300)}.docx`, 'docx');
    expect(out).toHaveLength(120);
    expect(out.endsWith('.docx')).toBe(true);
  });
});
