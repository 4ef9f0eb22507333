import { verifySignatureV4, type SignedRequest } from '../../src/infra/sigv4';

// The worked examples of AWS's SigV4 documentation for S3 ("Examples: Signature Calculations",
// sig-v4-header-based-auth.html and sigv4-query-string-auth.html): signatures computed by AWS,
// not by this code, so a canonicalisation mistake here cannot cancel itself out.
const aws = { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };
const signedAt = Date.UTC(2013, 4, 24, 0, 5);
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const credential = 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';

const getObject: SignedRequest = {
  method: 'GET',
  url: '/test.txt',
  headers: {
    host: 'examplebucket.s3.amazonaws.com',
    range: 'bytes=0-9',
    'x-amz-content-sha256': EMPTY_SHA256,
    'x-amz-date': '20130524T000000Z',
    authorization: `AWS4-HMAC-SHA256 Credential=${credential},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41`,
  },
};

const putObject: SignedRequest = {
  method: 'PUT',
  url: '/test%24file.text',
  headers: {
    host: 'examplebucket.s3.amazonaws.com',
    date: 'Fri, 24 May 2013 00:00:00 GMT',
    'x-amz-date': '20130524T000000Z',
    'x-amz-storage-class': 'REDUCED_REDUNDANCY',
    'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    authorization: `AWS4-HMAC-SHA256 Credential=${credential},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd`,
  },
};

const listObjects: SignedRequest = {
  method: 'GET',
  url: '/?max-keys=2&prefix=J',
  headers: {
    host: 'examplebucket.s3.amazonaws.com',
    'x-amz-content-sha256': EMPTY_SHA256,
    'x-amz-date': '20130524T000000Z',
    authorization: `AWS4-HMAC-SHA256 Credential=${credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7`,
  },
};

const presignedQuery =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host';
const presignedGet: SignedRequest = {
  method: 'GET',
  url: `/test.txt?${presignedQuery}&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404`,
  headers: { host: 'examplebucket.s3.amazonaws.com' },
};

it("accepts AWS's own examples: a GET, a PUT with an encoded key, a listing with a query, a presigned GET", () => {
  for (const request of [getObject, putObject, listObjects, presignedGet]) expect(verifySignatureV4(request, aws, signedAt)).toBeNull();
});

it('accepts any valid percent-encoding of the same key and query order', () => {
  const reordered = { ...presignedGet, url: presignedGet.url?.replace(presignedQuery, presignedQuery.split('&').reverse().join('&')) };
  expect(verifySignatureV4(reordered, aws, signedAt)).toBeNull();
  expect(verifySignatureV4({ ...getObject, url: '/test%2Etxt' }, aws, signedAt)).toBeNull();
});

it('refuses a signature made with another secret, or a changed method, path, query or signed header', () => {
  const mismatch = expect.objectContaining({ code: 'SignatureDoesNotMatch' });
  expect(verifySignatureV4(getObject, { ...aws, secretKey: 'another secret' }, signedAt)).toEqual(mismatch);
  expect(verifySignatureV4({ ...getObject, method: 'DELETE' }, aws, signedAt)).toEqual(mismatch);
  expect(verifySignatureV4({ ...getObject, url: '/test.txt2' }, aws, signedAt)).toEqual(mismatch);
  expect(verifySignatureV4({ ...listObjects, url: '/?max-keys=3&prefix=J' }, aws, signedAt)).toEqual(mismatch);
  expect(verifySignatureV4({ ...getObject, headers: { ...getObject.headers, range: 'bytes=0-99' } }, aws, signedAt)).toEqual(mismatch);
  expect(verifySignatureV4({ ...getObject, headers: { ...getObject.headers, host: 'other.s3.amazonaws.com' } }, aws, signedAt)).toEqual(mismatch);
  expect(verifySignatureV4({ ...putObject, headers: { ...putObject.headers, 'x-amz-content-sha256': EMPTY_SHA256 } }, aws, signedAt)).toEqual(mismatch);
  expect(verifySignatureV4({ ...presignedGet, url: presignedGet.url?.replace('X-Amz-Expires=86400', 'X-Amz-Expires=604800') }, aws, signedAt)).toEqual(mismatch);
});

it('refuses an unknown access key, a missing signed header, an unsigned x-amz-* header, an unsigned request', () => {
  expect(verifySignatureV4(getObject, { ...aws, accessKey: 'S3RVER' }, signedAt)).toEqual(expect.objectContaining({ code: 'InvalidAccessKeyId' }));
  const { range: _range, ...withoutRange } = getObject.headers;
  expect(verifySignatureV4({ ...getObject, headers: withoutRange }, aws, signedAt)).toEqual(expect.objectContaining({ code: 'AccessDenied' }));
  expect(verifySignatureV4({ ...presignedGet, headers: { ...presignedGet.headers, 'x-amz-meta-a': '1' } }, aws, signedAt)).toEqual({
    code: 'AccessDenied',
    message: 'There were headers present in the request which were not signed',
  });
  expect(verifySignatureV4({ method: 'GET', url: '/test.txt', headers: { host: 'examplebucket.s3.amazonaws.com' } }, aws, signedAt)).toEqual({
    code: 'AccessDenied',
    message: 'The request is not signed; the bucket is private',
  });
});

it('refuses a presigned URL once it has expired, and a header-signed request far from the clock', () => {
  const expiry = Date.UTC(2013, 4, 25);
  expect(verifySignatureV4(presignedGet, aws, expiry - 1000)).toBeNull();
  expect(verifySignatureV4(presignedGet, aws, expiry + 1000)).toEqual({ code: 'AccessDenied', message: 'Request has expired' });
  expect(verifySignatureV4(getObject, aws, signedAt + 20 * 60 * 1000)).toEqual(expect.objectContaining({ code: 'RequestTimeTooSkewed' }));
});
