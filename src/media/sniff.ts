import { MediaKind } from './media.enums';

/** What the first bytes of a file say it is. */
export interface Sniffed {
  /** IMAGE, DOCUMENT; or several kinds for containers that hold either video or audio. */
  kinds: MediaKind[];
  contentType: string;
  description: string;
}

/** Bytes `sniff` needs to read from the start of a file. */
export const SNIFF_BYTES = 64;

const ascii = (bytes: Buffer, offset: number, text: string) => bytes.subarray(offset, offset + text.length).toString('latin1') === text;
const starts = (bytes: Buffer, ...values: number[]) => values.every((value, i) => bytes[i] === value);

const AV = [MediaKind.VIDEO, MediaKind.AUDIO];

/**
 * The real type of a file from its first bytes (magic numbers), whatever its name or declared
 * type. Executables are named as such so the refusal can say so; null when unknown.
 */
export function sniff(bytes: Buffer): Sniffed | null {
  if (starts(bytes, 0xff, 0xd8, 0xff)) return { kinds: [MediaKind.IMAGE], contentType: 'image/jpeg', description: 'a JPEG image' };
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kinds: [MediaKind.IMAGE], contentType: 'image/png', description: 'a PNG image' };
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return { kinds: [MediaKind.IMAGE], contentType: 'image/gif', description: 'a GIF image' };
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return { kinds: [MediaKind.IMAGE], contentType: 'image/webp', description: 'a WebP image' };
  if (ascii(bytes, 0, '%PDF-')) return { kinds: [MediaKind.DOCUMENT], contentType: 'application/pdf', description: 'a PDF document' };
  if (ascii(bytes, 4, 'ftyp')) {
    const brand = bytes.subarray(8, 12).toString('latin1');
    if (brand === 'M4A ' || brand === 'M4B ') return { kinds: [MediaKind.AUDIO], contentType: 'audio/mp4', description: 'an MPEG-4 audio file' };
    if (brand === 'qt  ') return { kinds: AV, contentType: 'video/quicktime', description: 'a QuickTime movie' };
    return { kinds: AV, contentType: 'video/mp4', description: 'an MPEG-4 file' };
  }
  if (starts(bytes, 0x1a, 0x45, 0xdf, 0xa3)) return { kinds: AV, contentType: 'video/webm', description: 'a WebM/Matroska file' };
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'AVI ')) return { kinds: [MediaKind.VIDEO], contentType: 'video/x-msvideo', description: 'an AVI video' };
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return { kinds: [MediaKind.AUDIO], contentType: 'audio/wav', description: 'a WAV recording' };
  if (ascii(bytes, 0, 'OggS')) return { kinds: AV, contentType: 'audio/ogg', description: 'an Ogg file' };
  if (ascii(bytes, 0, 'fLaC')) return { kinds: [MediaKind.AUDIO], contentType: 'audio/flac', description: 'a FLAC recording' };
  if (ascii(bytes, 0, 'ID3') || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && ((bytes[1] ?? 0) & 0x06) !== 0)) {
    return { kinds: [MediaKind.AUDIO], contentType: 'audio/mpeg', description: 'an MP3 recording' };
  }
  if (ascii(bytes, 0, 'MZ')) return { kinds: [], contentType: 'application/x-msdownload', description: 'a Windows program' };
  if (starts(bytes, 0x7f, 0x45, 0x4c, 0x46)) return { kinds: [], contentType: 'application/x-executable', description: 'a Linux program' };
  if (/^\s*<(!doctype html|html|head|body|\?xml|svg)/i.test(bytes.toString('latin1'))) return { kinds: [], contentType: 'text/html', description: 'a web page (HTML/XML)' };
  return null;
}
