/**
 * The region and service a request was signed for, read from the SigV4 credential scope
 * (`Credential=AKID/20250101/us-east-1/ssm/aws4_request`). The emulator does not verify signatures:
 * it only needs to know where the SDK thought it was talking to.
 */
export interface Scope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

export function credentialScope(
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
): Scope | undefined {
  const auth = headers['authorization'];
  const text =
    typeof auth === 'string' ? auth : `Credential=${query.get('X-Amz-Credential') ?? ''}`;
  const m = CREDENTIAL.exec(text);
  if (!m) return undefined;
  return { accessKeyId: m[1] ?? '', region: m[3] ?? '', service: m[4] ?? '' };
}
