import sharp from 'sharp';
import { encodeBlurHash } from './blurhash';
import { UnusableInputError } from './tool-process';

export interface ImageOutput {
  width: number;
  height: number;
  data: Buffer;
}

export interface ImageRenditions {
  /** Dimensions as displayed (after EXIF rotation). */
  width: number;
  height: number;
  /** WebP images, one per distinct width asked for (never wider than the original). */
  webp: ImageOutput[];
  placeholder: string;
}

// sharp keeps a cache of decoded images; workers read each file once.
sharp.cache(false);

/**
 * WebP thumbnails at the given widths and a BlurHash placeholder. The header is read first, so
 * an image of more than `maxPixels` (a decompression bomb) fails before anything is decoded;
 * a corrupt or truncated file fails as UnusableInputError.
 */
export async function imageRenditions(file: string, widths: number[], maxPixels: number): Promise<ImageRenditions> {
  try {
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) throw new UnusableInputError('IMAGE_UNREADABLE', 'the image has no dimensions');
    if (meta.width * meta.height > maxPixels) {
      throw new UnusableInputError('TOO_MANY_PIXELS', `the image is ${meta.width} × ${meta.height} pixels, more than the ${maxPixels.toLocaleString('en')} allowed`);
    }
    // Decoded once, at the largest size wanted (a JPEG shrinks on load), with the channels it has:
    // an opaque photo stays RGB, since an alpha channel of 255s would only slow the WebP encoder.
    // The three sizes and the placeholder are all made from these pixels.
    const largest = Math.max(...widths);
    const base = await sharp(file, { limitInputPixels: maxPixels, failOn: 'warning' })
      .rotate()
      .resize({ width: largest, withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } };
    const targets = [...new Set(widths.map((width) => Math.min(width, base.info.width)))];
    const webp = await Promise.all(
      targets.map(async (width) => {
        const out = await sharp(base.data, raw).resize({ width }).webp({ quality: 75 }).toBuffer({ resolveWithObject: true });
        return { width: out.info.width, height: out.info.height, data: out.data };
      }),
    );
    // BlurHash reads RGBA, whatever the image's channels (grey, grey and alpha, RGB).
    const tiny = await sharp(base.data, raw).resize(32, 32, { fit: 'inside' }).toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const rotated = (meta.orientation ?? 1) >= 5;
    return {
      width: rotated ? meta.height : meta.width,
      height: rotated ? meta.width : meta.height,
      webp,
      placeholder: encodeBlurHash(tiny.data, tiny.info.width, tiny.info.height),
    };
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    throw new UnusableInputError('IMAGE_UNREADABLE', `the image cannot be read: ${(error as Error).message}`);
  }
}

/** A JPEG drawn from an SVG document (for sample files the project makes itself). */
export function jpegOfSvg(svg: string, quality = 85): Promise<Buffer> {
  return sharp(Buffer.from(svg)).jpeg({ quality }).toBuffer();
}
