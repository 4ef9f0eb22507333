import { createHmac } from 'node:crypto';
import { checkOutboundUrl, isPublicAddress, OutboundUrlError } from '../../src/infra/http-post';
import { newOpaqueSecret } from '../../src/auth/tokens';
import { signedHeaders, verifyWebhook, WEBHOOK_SECRET_PREFIX, webhookSignature } from '../../src/webhooks/signing';

const SECRET = 'whsec_test-secret-of-an-endpoint';
const BODY = '{"id":"7f1c0b6e-4f3a-4a57-9d7e-0c1e2f3a4b5c","kind":"SESSION_SEATS"}';

describe('webhook signatures', () => {
  it('signs "id.timestamp.body" with HMAC-SHA256 of the secret, as hex after v1=', () => {
    const headers = signedHeaders(SECRET, 'evt-1', 1_765_000_000, BODY);
    const expected = createHmac('sha256', SECRET).update(`evt-1.1765000000.${BODY}`).digest('hex');
    expect(headers).toEqual({ 'webhook-id': 'evt-1', 'webhook-timestamp': '1765000000', 'webhook-signature': `v1=${expected}` });
    expect(webhookSignature(SECRET, 'evt-1', 1_765_000_000, BODY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies a delivery, and refuses another body, id, secret or a stale timestamp', () => {
    const headers = signedHeaders(SECRET, 'evt-1', 1_765_000_000, BODY);
    expect(verifyWebhook(SECRET, headers, BODY, 1_765_000_010)).toBe(true);
    expect(verifyWebhook(SECRET, headers, `${BODY} `, 1_765_000_010)).toBe(false);
    expect(verifyWebhook(SECRET, { ...headers, 'webhook-id': 'evt-2' }, BODY, 1_765_000_010)).toBe(false);
    expect(verifyWebhook(`${SECRET}x`, headers, BODY, 1_765_000_010)).toBe(false);
    expect(verifyWebhook(SECRET, headers, BODY, 1_765_000_000 + 301)).toBe(false);
    expect(verifyWebhook(SECRET, { ...headers, 'webhook-signature': `v1=00 ${headers['webhook-signature']}` }, BODY, 1_765_000_000)).toBe(true);
  });

  it('makes a new random secret each time', () => {
    const [a, b] = [newOpaqueSecret(WEBHOOK_SECRET_PREFIX), newOpaqueSecret(WEBHOOK_SECRET_PREFIX)];
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });
});

describe('outbound URLs', () => {
  it('takes only http(s) URLs without credentials', () => {
    expect(checkOutboundUrl('https://hooks.example.vn/x', false).host).toBe('hooks.example.vn');
    for (const url of ['ftp://example.vn/', 'file:///etc/passwd', 'gopher://example.vn', 'javascript:alert(1)', 'nonsense', 'https://a:b@example.vn/']) {
      expect(() => checkOutboundUrl(url, true)).toThrow(OutboundUrlError);
    }
  });

  it('refuses loopback, private, link-local and mapped addresses unless allowed', () => {
    for (const url of ['http://127.0.0.1:4000/', 'http://localhost/', 'http://api.localhost/', 'http://10.0.0.1/', 'http://172.16.5.4/', 'http://192.168.1.1/', 'http://169.254.169.254/', 'http://[::1]/', 'http://[fd00::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'http://2130706433/', 'http://0x7f.1/', 'http://LOCALHOST/']) {
      expect(() => checkOutboundUrl(url, false)).toThrow('private and loopback addresses are not allowed');
      expect(() => checkOutboundUrl(url, true)).not.toThrow();
    }
    expect(isPublicAddress('203.113.131.1')).toBe(true);
    expect(isPublicAddress('2001:4860:4860::8888')).toBe(true);
    expect(isPublicAddress('100.64.0.1')).toBe(false);
    expect(isPublicAddress('not-an-ip')).toBe(false);
  });
});
