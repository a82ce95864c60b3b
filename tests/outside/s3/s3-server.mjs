// s3rver with AWS Signature V4 verification in front of it. s3rver 3.7 only checks that the
// access key exists ("Signature version 4 calculation is unimplemented" in its authentication
// middleware), so this middleware recomputes every V4 signature (Authorization header and
// presigned query) from the request as received and answers 403 SignatureDoesNotMatch on a
// mismatch, as S3 does. Presigned URLs past X-Amz-Expires get 403 AccessDenied.
//
//   node s3-server.mjs --directory DIR --address 127.0.0.1 --port PORT --bucket NAME
import { createHash, createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';
import S3rver from 's3rver';

const CREDENTIALS = new Map([['S3RVER', 'S3RVER']]);  // s3rver's default account

const { values: args } = parseArgs({
  options: {
    directory: { type: 'string' },
    address: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    bucket: { type: 'string', default: 'strangeprompt' },
  },
});

const rfc3986 = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();
const sha256hex = (data) => createHash('sha256').update(data).digest('hex');
const decode = (s) => decodeURIComponent(s.replace(/\+/g, '%20'));

function s3Error(ctx, status, code, message) {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

function parseAmzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s || '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

// The signature the request should carry, or an error string.
function verify(ctx) {
  const rawUrl = ctx.req.url;
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const pairs = q < 0 ? [] : rawUrl.slice(q + 1).split('&').filter(Boolean).map((p) => {
    const e = p.indexOf('=');
    return e < 0 ? [decode(p), ''] : [decode(p.slice(0, e)), decode(p.slice(e + 1))];
  });
  const query = Object.fromEntries(pairs);
  let credential, signedHeaders, provided, date, payloadHash;
  const auth = ctx.get('authorization');
  if (auth.startsWith('AWS4-HMAC-SHA256 ')) {
    const fields = Object.fromEntries(auth.slice(17).split(',').map((f) => {
      const [k, ...v] = f.trim().split('=');
      return [k, v.join('=')];
    }));
    ({ Credential: credential, SignedHeaders: signedHeaders, Signature: provided } = fields);
    date = ctx.get('x-amz-date');
    payloadHash = ctx.get('x-amz-content-sha256');
    if (!payloadHash) return 'missing x-amz-content-sha256';
    const skew = Math.abs(Date.now() - parseAmzDate(date));
    if (!(skew <= 15 * 60 * 1000)) return 'RequestTimeTooSkewed';
  } else if (query['X-Amz-Algorithm'] === 'AWS4-HMAC-SHA256') {
    credential = query['X-Amz-Credential'];
    signedHeaders = query['X-Amz-SignedHeaders'];
    provided = query['X-Amz-Signature'];
    date = query['X-Amz-Date'];
    payloadHash = 'UNSIGNED-PAYLOAD';
    const expires = Number(query['X-Amz-Expires']);
    if (!(parseAmzDate(date) + expires * 1000 >= Date.now())) return 'expired';
  } else {
    return null;  // not SigV4: left to s3rver
  }
  if (!credential || !signedHeaders || !provided || !date) return 'malformed V4 authorization';
  const [accessKey, day, region, service, terminal] = credential.split('/');
  const secret = CREDENTIALS.get(accessKey);
  if (secret === undefined) return 'InvalidAccessKeyId';
  const canonicalQuery = pairs
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = signedHeaders.split(';');
  const canonicalHeaders = names
    .map((n) => `${n}:${String(ctx.req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [ctx.method, path, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/${terminal}`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac('AWS4' + secret, day), region), service), terminal);
  const expected = hmac(key, stringToSign).toString('hex');
  return expected === provided ? null : 'SignatureDoesNotMatch';
}

const server = new S3rver({
  directory: args.directory,
  address: args.address,
  port: Number(args.port),
  silent: true,
  serviceEndpoint: 'localhost',  // <bucket>.s3.localhost is virtual-host style
  configureBuckets: [{ name: args.bucket }],
});
server.middleware.unshift(async (ctx, next) => {
  const problem = verify(ctx);
  if (problem === null) return next();
  if (problem === 'expired') return s3Error(ctx, 403, 'AccessDenied', 'Request has expired');
  if (problem === 'InvalidAccessKeyId') {
    return s3Error(ctx, 403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  }
  if (problem === 'RequestTimeTooSkewed') {
    return s3Error(ctx, 403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
  }
  return s3Error(ctx, 403, 'SignatureDoesNotMatch',
    `The request signature we calculated does not match the signature you provided (${problem}).`);
});
const { address, port } = await server.run();
console.log(`s3-server listening on http://${address}:${port}`);
