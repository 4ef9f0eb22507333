import { gunzipSync, gzipSync } from 'node:zlib';

/** Bits per status list: the minimum of Bitstring Status List v1.0 (16 KB), so a list hides which credential is checked. */
export const STATUS_LIST_BITS = 131_072;

export interface StatusPosition {
  list: number;
  bit: number;
}

export function statusPositionOf(index: number): StatusPosition {
  return { list: Math.floor(index / STATUS_LIST_BITS), bit: index % STATUS_LIST_BITS };
}

/** The `encodedList` of the spec: the bitstring (bit 0 is the first byte's highest), gzipped, base64url, multibase prefix `u`. */
export function encodeStatusList(setBits: Iterable<number>): string {
  const bytes = Buffer.alloc(STATUS_LIST_BITS / 8);
  for (const bit of setBits) {
    bytes[bit >> 3] = (bytes[bit >> 3] as number) | (0x80 >> (bit & 7));
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** Reads one bit of an encoded list; the inverse of encodeStatusList. */
export function statusBit(encodedList: string, bit: number): boolean {
  const bytes = gunzipSync(Buffer.from(encodedList.replace(/^u/, ''), 'base64url'));
  return ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0;
}

/** The unsigned BitstringStatusListCredential of one list, issued by the platform. */
export function statusListCredential(url: string, issuer: string, encodedList: string, validFrom: Date): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: validFrom.toISOString(),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
  };
}
