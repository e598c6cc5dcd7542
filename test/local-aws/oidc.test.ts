import { describe, it, expect } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  createIssuer,
  GITHUB_ACTIONS_ISSUER,
  localIssuer,
} from '../../scripts/local-aws/oidc/issuer.js';
import { verifyWebIdentity } from '../../scripts/local-aws/oidc/verify.js';
import { ApiError } from '../../scripts/local-aws/types.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const PROVIDER = {
  arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
  url: 'https://token.actions.githubusercontent.com',
  clientIds: ['sts.amazonaws.com'],
};
const CLAIMS = { sub: 'repo:acme@1/golden@2:ref:refs/heads/main', repository: 'acme/golden' };

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('local OIDC issuer', () => {
  it("mints GitHub's token shape: RS256 with kid, iss, aud, sub, iat/nbf/exp, jti, extra claims", async () => {
    const issuer = localIssuer();
    expect(localIssuer()).toBe(issuer);
    const token = await issuer.mint(CLAIMS, { now: NOW });
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(issuer.jwks.keys.map((k) => k.kid)).toEqual([header.kid]);
    expect(issuer.jwks.keys[0]).not.toHaveProperty('d');
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: GITHUB_ACTIONS_ISSUER,
      aud: 'sts.amazonaws.com',
      sub: CLAIMS.sub,
      repository: 'acme/golden',
      iat: NOW / 1000,
      exp: NOW / 1000 + 300,
      nbf: NOW / 1000 - 600,
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('verifies a token against the provider and the issuer keys, and returns its claims', async () => {
    const issuer = createIssuer();
    const token = await issuer.mint(CLAIMS, { now: NOW });
    const v = await verifyWebIdentity(token, {
      providers: [PROVIDER],
      issuers: [issuer],
      now: NOW + 60_000,
    });
    expect(v.provider).toBe(PROVIDER);
    expect(v.claims.sub).toBe(CLAIMS.sub);
  });

  it("answers each bad token with STS's error", async () => {
    const issuer = createIssuer();
    const opts = { providers: [PROVIDER], issuers: [issuer], now: NOW };
    const token = await issuer.mint(CLAIMS, { now: NOW });

    const malformed = await rejection(verifyWebIdentity('not-a-jwt', opts));
    expect(malformed.code).toBe('InvalidIdentityToken');
    expect(malformed.message).toMatch(/not a valid JWT/);

    const noProvider = await rejection(verifyWebIdentity(token, { ...opts, providers: [] }));
    expect(noProvider.message).toBe(
      `No OpenIDConnect provider found in your account for ${GITHUB_ACTIONS_ISSUER}`,
    );

    const expired = await rejection(verifyWebIdentity(token, { ...opts, now: NOW + 301_000 }));
    expect(expired.code).toBe('ExpiredTokenException');
    expect(expired.message).toMatch(/^Token expired: current date\/time \d+ must be before/);

    const wrongAud = await issuer.mint({ ...CLAIMS, aud: 'sigstore' }, { now: NOW });
    expect((await rejection(verifyWebIdentity(wrongAud, opts))).message).toBe(
      'Incorrect token audience',
    );

    // The same issuer URL, another key pair: a forged token.
    const forger = createIssuer();
    const forged = await forger.mint(CLAIMS, { now: NOW });
    const bad = await rejection(verifyWebIdentity(forged, opts));
    expect(bad.code).toBe('InvalidIdentityToken');
    expect(bad.message).toMatch(/verification key/);

    const [h, p] = token.split('.');
    const tampered = `${h}.${p}.${Buffer.from('x'.repeat(256)).toString('base64url')}`;
    expect((await rejection(verifyWebIdentity(tampered, opts))).code).toBe('InvalidIdentityToken');
  });
});
