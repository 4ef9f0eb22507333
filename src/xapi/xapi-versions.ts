/** The versions of xAPI this LRS speaks; a request names one in X-Experience-API-Version. */
export const XAPI_VERSIONS = ['2.0.0', '1.0.3'] as const;
export type XapiVersion = '2.0.0' | '1.0.3';

/** The version a request's header asks for, or null when the header names none we speak. */
export function xapiVersionOf(header: string | undefined): XapiVersion | null {
  if (!header) return null;
  const value = header.trim();
  if (/^2\.0(\.\d+)?$/.test(value)) return '2.0.0';
  if (/^1\.0(\.\d+)?$/.test(value)) return '1.0.3';
  return null;
}
