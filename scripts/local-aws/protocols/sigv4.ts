/**
 * SigV4 as the emulator reads it: the credential scope (`Credential=AKID/20250101/us-east-1/ssm/
 * aws4_request`) says which region and service the request is for and which access key signed
 * it; `verifySignature` recomputes the signature with that key's secret (signature-v4 is the
 * SDK's own signer, so both sides canonicalise the request the same way).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RawRequest } from '../types.js';

export interface Scope {
  accessKeyId: string;
  region: string;
  service: string;
}

export interface Authorization extends Scope {
  date: string;
  signedHeaders: string[];
  signature: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

export function credentialScope(
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
): Scope | undefined {
  const auth = authorization(headers, query);
  return auth && { accessKeyId: auth.accessKeyId, region: auth.region, service: auth.service };
}

/** The parsed `Authorization` header (or presigned query), if the request is signed. */
export function authorization(
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
): Authorization | undefined {
  const header = headers['authorization'];
  const text =
    typeof header === 'string'
      ? header
      : `Credential=${query.get('X-Amz-Credential') ?? ''}, SignedHeaders=${query.get('X-Amz-SignedHeaders') ?? ''}, Signature=${query.get('X-Amz-Signature') ?? ''}`;
  const m = CREDENTIAL.exec(text);
  if (!m) return undefined;
  return {
    accessKeyId: m[1] ?? '',
    date: m[2] ?? '',
    region: m[3] ?? '',
    service: m[4] ?? '',
    signedHeaders: (/SignedHeaders=([^,\s]*)/.exec(text)?.[1] ?? '').split(';').filter(Boolean),
    signature: /Signature=([0-9a-f]*)/.exec(text)?.[1] ?? '',
  };
}

/** node:crypto behind the `Checksum` interface the signer takes. */
type Data = string | ArrayBuffer | ArrayBufferView;

function bytes(d: Data): string | Uint8Array {
  if (typeof d === 'string') return d;
  return d instanceof ArrayBuffer
    ? new Uint8Array(d)
    : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

export class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: Data) {
    this.h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: Data): void {
    this.h.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
  reset(): void {
    throw new Error('Sha256.reset is not used by the signer');
  }
}

function header(raw: RawRequest, name: string): string | undefined {
  const v = raw.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** `20250101T000000Z` → Date. */
function amzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** True when `auth.signature` is the SigV4 signature of `raw` under `secretAccessKey`. */
export async function verifySignature(
  raw: RawRequest,
  auth: Authorization,
  secretAccessKey: string,
): Promise<boolean> {
  const date = amzDate(header(raw, 'x-amz-date') ?? raw.query.get('X-Amz-Date') ?? '');
  if (!date || !auth.signature) return false;
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const v = header(raw, name);
    if (v !== undefined) headers[name] = v;
  }
  const query: Record<string, string | string[]> = {};
  for (const k of new Set(raw.query.keys())) {
    const all = raw.query.getAll(k);
    query[k] = all.length > 1 ? all : all[0]!;
  }
  const host = header(raw, 'host') ?? '';
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    sha256: Sha256,
    credentials: {
      accessKeyId: auth.accessKeyId,
      secretAccessKey,
      sessionToken: header(raw, 'x-amz-security-token'),
    },
  });
  const signed = await signer.sign(
    {
      method: raw.method,
      protocol: 'http:',
      hostname: host.split(':')[0] ?? host,
      port: host.includes(':') ? Number(host.split(':')[1]) : undefined,
      path: raw.path,
      query,
      headers,
      body: raw.body,
    },
    { signingDate: date },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers['authorization']))?.[1];
  return expected === auth.signature;
}
