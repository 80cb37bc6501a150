import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** An answer encoded once and served to every page view as it is. */
export interface EncodedAnswer {
  json: string;
  gzip: Buffer;
  etag: string;
}

export function encodeAnswer(value: unknown): EncodedAnswer {
  const json = JSON.stringify(value);
  return {
    json,
    gzip: gzipSync(json),
    etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
  };
}
