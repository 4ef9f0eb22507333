const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

function base83(value: number, length: number): string {
  let text = '';
  for (let i = 1; i <= length; i += 1) text += DIGITS[Math.floor(value / 83 ** (length - i)) % 83];
  return text;
}

function toLinear(value: number): number {
  const v = value / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function toSrgb(value: number): number {
  const v = Math.max(0, Math.min(1, value));
  return v <= 0.0031308 ? Math.round(v * 12.92 * 255 + 0.5) : Math.round((1.055 * v ** (1 / 2.4) - 0.055) * 255 + 0.5);
}

function signPow(value: number, exponent: number): number {
  return Math.sign(value) * Math.abs(value) ** exponent;
}

/**
 * BlurHash (https://blurha.sh) of an image given as RGBA pixels: a ~30-character text a client
 * decodes into a blurred preview. `cx` × `cy` cosine components (1–9 each).
 */
export function encodeBlurHash(rgba: Uint8Array, width: number, height: number, cx = 4, cy = 3): string {
  const factors: [number, number, number][] = [];
  for (let j = 0; j < cy; j += 1) {
    for (let i = 0; i < cx; i += 1) {
      const normalisation = i === 0 && j === 0 ? 1 : 2;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const basis = normalisation * Math.cos((Math.PI * i * x) / width) * Math.cos((Math.PI * j * y) / height);
          const offset = 4 * (y * width + x);
          r += basis * toLinear(rgba[offset] as number);
          g += basis * toLinear(rgba[offset + 1] as number);
          b += basis * toLinear(rgba[offset + 2] as number);
        }
      }
      const scale = 1 / (width * height);
      factors.push([r * scale, g * scale, b * scale]);
    }
  }
  const [dc, ...ac] = factors as [[number, number, number], ...[number, number, number][]];
  let hash = base83(cx - 1 + (cy - 1) * 9, 1);
  let maximum = 1;
  if (ac.length) {
    const actualMax = Math.max(...ac.flatMap((f) => f.map(Math.abs)));
    const quantised = Math.floor(Math.max(0, Math.min(82, Math.floor(actualMax * 166 - 0.5))));
    maximum = (quantised + 1) / 166;
    hash += base83(quantised, 1);
  } else {
    hash += base83(0, 1);
  }
  hash += base83((toSrgb(dc[0]) << 16) + (toSrgb(dc[1]) << 8) + toSrgb(dc[2]), 4);
  for (const [r, g, b] of ac) {
    const quant = (v: number) => Math.floor(Math.max(0, Math.min(18, Math.floor(signPow(v / maximum, 0.5) * 9 + 9.5))));
    hash += base83(quant(r) * 19 * 19 + quant(g) * 19 + quant(b), 2);
  }
  return hash;
}

/** The average colour a hash encodes (its first component), as [r, g, b]. */
export function blurHashAverage(hash: string): [number, number, number] {
  let value = 0;
  for (const char of hash.slice(2, 6)) value = value * 83 + DIGITS.indexOf(char);
  return [value >> 16, (value >> 8) & 255, value & 255];
}
