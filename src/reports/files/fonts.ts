import path from 'node:path';

/**
 * DejaVu (npm dejavu-fonts-ttf; Bitstream Vera licence: free to embed and ship) has every glyph
 * of Vietnamese, and the files embed it, so nothing depends on the fonts of the machine.
 */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_FILES = {
  regular: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italic: path.join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
} as const;

/** The family name the charts draw with, registered from FONT_FILES. */
export const FONT_FAMILY = 'DejaVu Sans';
