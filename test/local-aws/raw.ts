/** Raw emulator requests signed with SigV4, for tests that call `dispatch` without an SDK. */
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../scripts/local-aws/protocols/sigv4.js';
import type { RawRequest } from '../../scripts/local-aws/types.js';
import { ADMIN } from './helpers.js';

export async function signedRequest(
  r: { service: string; region: string; headers?: Record<string, string>; body: string },
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = ADMIN,
): Promise<RawRequest> {
  const signer = new SignatureV4({
    service: r.service,
    region: r.region,
    sha256: Sha256,
    credentials,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: 'localhost',
    path: '/',
    query: {},
    headers: { host: 'localhost', ...r.headers },
    body: r.body,
  });
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: Object.fromEntries(
      Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]),
    ),
    body: r.body,
  };
}
