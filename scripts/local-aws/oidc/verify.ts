/**
 * AssumeRoleWithWebIdentity's token checks, in the order STS reports them: a JWT at all, an OIDC
 * provider in the account for its `iss`, a key of the issuer's JWKS that verifies the signature,
 * `exp`/`nbf` against the emulator's clock, and `aud` in the provider's ClientIdList. Each failure
 * is STS's own error code (STS API reference, AssumeRoleWithWebIdentity "Errors") with the message
 * STS is seen to return. Thumbprints are kept but not checked: AWS verifies GitHub's issuer through
 * its trusted root CAs (GitHub changelog 2023-07-13, "Update on OIDC integration with AWS").
 */
import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { ApiError } from '../types.js';
import type { IssuerKeys } from './issuer.js';

export interface OidcProviderRef {
  arn: string;
  /** `https://host/path` as created. */
  url: string;
  clientIds: string[];
}

export interface VerifiedToken {
  provider: OidcProviderRef;
  claims: JWTPayload & Record<string, unknown>;
}

const invalid = (message: string) => new ApiError('InvalidIdentityToken', message, 400);

/** Provider URLs compare without scheme and trailing slash, as IAM stores them in the ARN. */
export function issuerKey(url: string): string {
  return url.replace(/^https:\/\//, '').replace(/\/+$/, '');
}

function audiences(aud: JWTPayload['aud']): string[] {
  return aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
}

export async function verifyWebIdentity(
  token: string,
  opts: { providers: OidcProviderRef[]; issuers: IssuerKeys[]; now: number },
): Promise<VerifiedToken> {
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(token);
  } catch {
    throw invalid(
      'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
    );
  }
  const iss = unverified.iss ?? '';
  const provider = opts.providers.find((p) => issuerKey(p.url) === issuerKey(iss));
  if (!provider) throw invalid(`No OpenIDConnect provider found in your account for ${iss}`);
  const keys = opts.issuers.find((i) => issuerKey(i.url) === issuerKey(iss));
  const unreachable = invalid(
    "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
  );
  if (!keys) throw unreachable;
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, createLocalJWKSet(keys.jwks), {
      issuer: iss,
      algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'],
      currentDate: new Date(opts.now),
    }));
  } catch (e) {
    if (e instanceof errors.JWTExpired) {
      throw new ApiError(
        'ExpiredTokenException',
        `Token expired: current date/time ${Math.floor(opts.now / 1000)} must be before the expiration date/time ${String(unverified.exp)}`,
        400,
      );
    }
    if (e instanceof errors.JWKSNoMatchingKey) throw unreachable;
    if (e instanceof errors.JWTClaimValidationFailed && e.claim === 'nbf')
      throw invalid(
        `Token is not yet valid: the nbf (not before) claim is ${String(unverified.nbf)}`,
      );
    throw invalid(
      'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
    );
  }
  if (!audiences(claims.aud).some((a) => provider.clientIds.includes(a)))
    throw invalid('Incorrect token audience');
  return { provider, claims: claims as VerifiedToken['claims'] };
}
