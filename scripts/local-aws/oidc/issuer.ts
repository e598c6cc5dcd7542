/**
 * A local OIDC issuer that mints the ID tokens GitHub Actions would: RS256, `kid` in the header,
 * the issuer's keys published as a JWKS. The emulator's STS verifies them against the JWKS of the
 * provider's issuer URL, as AWS fetches it from `<issuer>/.well-known/jwks`.
 *
 * Signing and verification use `jose` (MIT, no dependencies): JWT checks are where hand-written
 * code goes wrong (algorithm pinning, key selection by `kid`, clock comparisons), and the library
 * does them the way RFC 7519 says.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, type JSONWebKeySet } from 'jose';

/** GitHub Actions' issuer (docs.github.com, "OpenID Connect": the `iss` claim). */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/** What the emulator knows of an issuer: its URL and the keys its JWKS endpoint serves. */
export interface IssuerKeys {
  url: string;
  jwks: JSONWebKeySet;
}

/** Claims the caller chooses; `iss`, `iat`, `nbf`, `exp` and `jti` are the issuer's. */
export interface TokenClaims {
  sub: string;
  /** Default `sts.amazonaws.com` (what aws-actions/configure-aws-credentials requests). */
  aud?: string | string[];
  [claim: string]: unknown;
}

export interface MintOptions {
  /** Issue time in epoch milliseconds (the emulator's clock); default `Date.now()`. */
  now?: number;
  /** Seconds from `iat` to `exp`; default 300. */
  lifetimeSeconds?: number;
}

export interface OidcIssuer extends IssuerKeys {
  mint(claims: TokenClaims, options?: MintOptions): Promise<string>;
}

/**
 * GitHub's documented example token has `exp` = `iat` + 300 s and `nbf` = `iat` − 600 s
 * (docs.github.com, "About security hardening with OpenID Connect", example token).
 */
const LIFETIME_S = 300;
const NOT_BEFORE_SKEW_S = 600;

export function createIssuer(url = GITHUB_ACTIONS_ISSUER): OidcIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID().replace(/-/g, '').slice(0, 20);
  let jwks: JSONWebKeySet | undefined;
  const publicJwks = (key: KeyObject): JSONWebKeySet => {
    const jwk = key.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
  };
  return {
    url,
    get jwks() {
      jwks ??= publicJwks(publicKey);
      return jwks;
    },
    async mint(claims, options = {}) {
      const iat = Math.floor((options.now ?? Date.now()) / 1000);
      const { aud = 'sts.amazonaws.com', sub, ...rest } = claims;
      return new SignJWT({ ...rest })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setIssuer(url)
        .setSubject(sub)
        .setAudience(aud)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setNotBefore(iat - NOT_BEFORE_SKEW_S)
        .setExpirationTime(iat + (options.lifetimeSeconds ?? LIFETIME_S))
        .sign(privateKey);
    },
  };
}

let local: OidcIssuer | undefined;

/**
 * The process-wide local GitHub Actions issuer: every emulator trusts it by default (as AWS
 * reaches token.actions.githubusercontent.com), and the demo's workflow runner mints with it.
 */
export function localIssuer(): OidcIssuer {
  local ??= createIssuer();
  return local;
}
