// The outside client: AWS's own SDK (@aws-sdk/client-s3) against the same bucket the platform
// uses, to prove wire compatibility both ways.
//
//   node outside-client.mjs --endpoint URL --get KEY            the object's bytes to stdout
//   node outside-client.mjs --endpoint URL --put KEY [--type T]  stdin's bytes as the object
//   node outside-client.mjs --endpoint URL --head KEY           {"size","contentType"} as JSON
// Credentials are s3rver's defaults (S3RVER/S3RVER); the bucket is `strangeprompt` unless
// --bucket says otherwise. Exit status 1 with the SDK's error on stderr when a call fails.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    bucket: { type: 'string', default: 'strangeprompt' },
    get: { type: 'string' },
    put: { type: 'string' },
    head: { type: 'string' },
    type: { type: 'string' },
    secret: { type: 'string', default: 'S3RVER' },
  },
});

const client = new S3Client({
  endpoint: a.endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: a.secret },
  // Plain SigV4 payloads (no aws-chunked trailers), which every S3 implementation accepts.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks);
}

try {
  if (a.get) {
    const r = await client.send(new GetObjectCommand({ Bucket: a.bucket, Key: a.get }));
    process.stdout.write(Buffer.from(await r.Body.transformToByteArray()));
  } else if (a.put) {
    const body = await readStdin();
    await client.send(new PutObjectCommand({
      Bucket: a.bucket, Key: a.put, Body: body, ContentType: a.type,
    }));
  } else if (a.head) {
    const r = await client.send(new HeadObjectCommand({ Bucket: a.bucket, Key: a.head }));
    process.stdout.write(JSON.stringify({ size: r.ContentLength, contentType: r.ContentType }));
  } else {
    throw new Error('one of --get, --put, --head is required');
  }
} catch (e) {
  process.stderr.write(`outside-client: ${e.name}: ${e.message}\n`);
  process.exit(1);
}
