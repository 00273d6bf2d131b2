import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * One place that finds a Chinese font for generated documents (PDF via pdfkit, charts drawn on the
 * server). The font ships in the npm package @embedpdf/fonts-sc (Noto Sans Hans, OFL-1.1, CFF
 * OpenType that fontkit reads), so it works offline right after `npm ci` on a fresh machine.
 * @fontsource/noto-sans-sc was rejected: it ships ~100 unicode-range WOFF2 slices, and pdfkit needs
 * one font file per text run. The system WenQuanYi font is a fallback only when the package is
 * missing (a trimmed install).
 */
export type CjkWeight = 'regular' | 'bold';

const FILES: Record<CjkWeight, string> = {
  regular: 'NotoSansHans-Regular.otf',
  bold: 'NotoSansHans-Bold.otf',
};
const SYSTEM_FALLBACK = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

const cache = new Map<CjkWeight, CjkFont>();

export interface CjkFont {
  /** Absolute path of the font file. */
  path: string;
  /** The bytes, read once per process. */
  bytes: Buffer;
  /** For a .ttc collection the face name pdfkit must pick; null for a single-font file. */
  family: string | null;
  source: 'npm' | 'system';
}

function packageFontDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    // The package exports only its entry (dist/index.cjs), not package.json or the font files:
    // resolve the entry and walk up to fonts/.
    const entry = require.resolve('@embedpdf/fonts-sc');
    return path.join(path.dirname(entry), '..', 'fonts');
  } catch {
    return null;
  }
}

/** The CJK font of the given weight; throws when neither the npm package nor the system font exists. */
export function cjkFont(weight: CjkWeight = 'regular'): CjkFont {
  const hit = cache.get(weight);
  if (hit) return hit;
  const dir = packageFontDir();
  const candidate = dir ? path.join(dir, FILES[weight]) : null;
  let font: CjkFont;
  if (candidate && fs.existsSync(candidate)) {
    font = { path: candidate, bytes: fs.readFileSync(candidate), family: null, source: 'npm' };
  } else if (fs.existsSync(SYSTEM_FALLBACK)) {
    font = {
      path: SYSTEM_FALLBACK,
      bytes: fs.readFileSync(SYSTEM_FALLBACK),
      family: 'WenQuanYiMicroHei',
      source: 'system',
    };
  } else {
    throw new Error('No CJK font: install @embedpdf/fonts-sc (npm ci) or fonts-wqy-microhei');
  }
  cache.set(weight, font);
  return font;
}

/** Minimal shape of a pdfkit document, so callers need not import pdfkit's types here. */
interface FontRegistry {
  registerFont(name: string, src: Buffer | string, family?: string): unknown;
}

/** Registers 'cjk' and 'cjk-bold' on a pdfkit document; use doc.font('cjk') afterwards. */
export function registerCjkFonts(doc: FontRegistry): void {
  for (const [name, weight] of [
    ['cjk', 'regular'],
    ['cjk-bold', 'bold'],
  ] as const) {
    const f = cjkFont(weight);
    if (f.family) doc.registerFont(name, f.bytes, f.family);
    else doc.registerFont(name, f.bytes);
  }
}
