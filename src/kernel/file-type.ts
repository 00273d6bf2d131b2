/**
 * File types judged by their first bytes (magic numbers), never by the name or the client's
 * Content-Type: what an attachment is decides how it is served back.
 */
export const FILE_TYPES = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  pdf: { mime: 'application/pdf', ext: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
} as const;
export type FileType = keyof typeof FILE_TYPES;

const startsWith = (buf: Uint8Array, bytes: number[], at = 0) =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** A Word document is a zip (OOXML) with a [Content_Types].xml and entries under word/. */
function isDocx(buf: Buffer): boolean {
  if (!startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return false;
  // Entry names are stored uncompressed in the local headers and the central directory.
  return buf.includes('[Content_Types].xml', 0, 'latin1') && buf.includes('word/', 0, 'latin1');
}

export function sniffFileType(buf: Buffer): FileType | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(buf, ascii('%PDF-'))) return 'pdf';
  if (isDocx(buf)) return 'docx';
  return null;
}

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control
 * characters, at most 120 characters (keeping the extension), never empty.
 */
export function cleanFileName(name: string | undefined, type: FileType): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must lose
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/^[.\s]+/, '')
    .trim();
  if (clean.length > 120) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = clean.slice(0, 120 - ext.length) + ext;
  }
  return clean || `attachment.${FILE_TYPES[type].ext}`;
}
