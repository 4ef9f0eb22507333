import { imageRenditions } from '../../infra/image';
import { RenditionFormat, RenditionKind } from '../media.enums';
import type { RenditionOutput, StepInput, StepResult } from './step';

/** Widths of the WebP thumbnails every image, poster and first page gets. */
export const THUMBNAIL_WIDTHS = [160, 480, 1280];

/** WebP thumbnails and a placeholder of an image file (the original, a poster, a first page). */
export async function thumbnailsOf(file: string, maxPixels: number): Promise<{ width: number; height: number; placeholder: string; renditions: RenditionOutput[] }> {
  const images = await imageRenditions(file, THUMBNAIL_WIDTHS, maxPixels);
  return {
    width: images.width,
    height: images.height,
    placeholder: images.placeholder,
    renditions: images.webp.map((image) => ({
      name: `thumbnail-${image.width}`,
      kind: RenditionKind.THUMBNAIL,
      format: RenditionFormat.WEBP,
      width: image.width,
      height: image.height,
      data: image.data,
    })),
  };
}

export async function imageStep(input: StepInput): Promise<StepResult> {
  const thumbnails = await thumbnailsOf(input.file, input.maxImagePixels);
  return { details: { width: thumbnails.width, height: thumbnails.height, placeholder: thumbnails.placeholder }, renditions: thumbnails.renditions };
}
