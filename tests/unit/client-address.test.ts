import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientAddress } from '../../src/http/caller';

/** What Express answers as `request.ip` for a request with these X-Forwarded-For entries, trusting `hops` proxies. */
async function expressIp(hops: number, forwardedFor: string | undefined): Promise<string> {
  const app = express();
  app.set('trust proxy', hops);
  app.get('/', (request, response) => {
    response.send(request.ip);
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
    return await response.text();
  } finally {
    server.close();
  }
}

describe('the client address of a WebSocket connection', () => {
  it.each([
    [0, undefined],
    [0, '203.0.113.7'],
    [1, '203.0.113.7'],
    [1, '198.51.100.1, 203.0.113.7'],
    [2, '198.51.100.1, 203.0.113.7'],
    [3, '198.51.100.1, 203.0.113.7'],
    [1, undefined],
  ])('is what Express reads as request.ip, trusting %i proxies with X-Forwarded-For %s', async (hops, forwardedFor) => {
    expect(clientAddress('127.0.0.1', forwardedFor, hops)).toBe(await expressIp(hops, forwardedFor));
  });
});
