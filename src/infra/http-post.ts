import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** An outbound URL or address refused before anything was sent: not http(s), or private where only public ones may be reached. */
export class OutboundUrlError extends Error {}

/** Where a server may not send a request it was told to send by a client (SSRF): loopback, private, link-local, reserved. */
const NOT_PUBLIC = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** IPv4-mapped IPv6 addresses reach IPv4 hosts; none is taken. Apart, because a BlockList also matches IPv4 addresses against such a rule. */
const MAPPED = new net.BlockList();
MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  if (family === 6 && MAPPED.check(address, 'ipv6')) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The URL, when a request may be sent to it: http(s), no credentials in it, and (unless allowed) not an IP literal that is not public. */
export function checkOutboundUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlError('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundUrlError('only http and https URLs are allowed');
  if (url.username || url.password) throw new OutboundUrlError('a URL may not hold a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (net.isIP(host) !== 0 && !isPublicAddress(host)))) {
    throw new OutboundUrlError('private and loopback addresses are not allowed');
  }
  return url;
}

/** dns.lookup that refuses a name resolving to an address that is not public: checked on the address connected to, so a name re-pointed after the check gains nothing. */
const publicOnlyLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) return callback(new OutboundUrlError(`${hostname} resolves to ${refused.address}, which is not a public address`), '', 4);
    if (options.all) return (callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(null, addresses);
    const first = addresses[0] as dns.LookupAddress;
    callback(null, first.address, first.family);
  });
};

export interface PostOptions {
  timeoutMs: number;
  /** Let requests reach loopback and private addresses (development and tests). */
  allowPrivate: boolean;
  /** Most bytes of the answer read (and thrown away) before the connection is closed. */
  maxResponseBytes?: number;
}

/**
 * POSTs `body` and resolves with the answer's status, whatever it is; rejects when no answer came within `timeoutMs`
 * (connecting included), the connection failed, or the URL or its address is refused (OutboundUrlError). Redirects are
 * not followed: a 3xx is an answer like any other.
 */
export function httpPost(raw: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<{ status: number }> {
  const url = checkOutboundUrl(raw, options.allowPrivate);
  const send = url.protocol === 'https:' ? https.request : http.request;
  const limit = options.maxResponseBytes ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > limit) response.destroy();
        });
        response.on('close', () => resolve({ status: response.statusCode ?? 0 }));
        response.on('error', () => resolve({ status: response.statusCode ?? 0 }));
      },
    );
    request.on('error', (error: Error) => reject(error.name === 'AbortError' ? new Error(`no answer within ${options.timeoutMs} ms`) : error));
    request.end(body);
  });
}
