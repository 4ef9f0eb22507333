import path from 'node:path';

/**
 * DejaVu (npm dejavu-fonts-ttf; Bitstream Vera licence: free to embed and ship) has every letter of
 * Vietnamese with its tone marks, which the PDF standard fonts lack; files embed it, so nothing
 * depends on the fonts of the machine.
 */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export interface FontFaces {
  regular: string;
  bold: string;
  italic: string;
}

export const DEJAVU_SANS: FontFaces = {
  regular: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italic: path.join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
};

export const DEJAVU_SERIF: FontFaces = {
  regular: path.join(FONT_DIR, 'DejaVuSerif.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'),
  italic: path.join(FONT_DIR, 'DejaVuSerif-Italic.ttf'),
};
