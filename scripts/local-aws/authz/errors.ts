/**
 * Authentication and authorization errors in each protocol's real code, status and wording.
 * Query services (STS, CloudFormation): `InvalidClientTokenId`, `ExpiredToken`,
 * `SignatureDoesNotMatch`, `MissingAuthenticationToken`, `AccessDenied`, all 403 (STS and
 * CloudFormation API references, "Common Errors"). JSON services (SSM, Image Builder):
 * `UnrecognizedClientException`, `ExpiredTokenException`, `InvalidSignatureException`,
 * `MissingAuthenticationTokenException`, `AccessDeniedException`. EC2: `AuthFailure`,
 * `RequestExpired`, `MissingAuthenticationToken`, `UnauthorizedOperation` (EC2 API reference,
 * "Error codes").
 */
import { ApiError, type ProtocolName } from '../types.js';

export type AuthFailure = 'unknown-key' | 'expired' | 'bad-signature' | 'missing' | 'denied';

const INVALID = 'The security token included in the request is invalid.';
const EXPIRED = 'The security token included in the request is expired';
const SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const CODES: Record<
  'query' | 'json' | 'rest' | 'ec2',
  Record<Exclude<AuthFailure, 'denied'>, [string, number, string]> & { denied: [string, number] }
> = {
  query: {
    'unknown-key': ['InvalidClientTokenId', 403, INVALID],
    expired: ['ExpiredToken', 403, EXPIRED],
    'bad-signature': ['SignatureDoesNotMatch', 403, SIGNATURE],
    missing: ['MissingAuthenticationToken', 403, 'Request is missing Authentication Token'],
    denied: ['AccessDenied', 403],
  },
  json: {
    'unknown-key': ['UnrecognizedClientException', 400, INVALID],
    expired: ['ExpiredTokenException', 400, EXPIRED],
    'bad-signature': ['InvalidSignatureException', 400, SIGNATURE],
    missing: ['MissingAuthenticationTokenException', 400, 'Missing Authentication Token'],
    denied: ['AccessDeniedException', 400],
  },
  rest: {
    'unknown-key': ['UnrecognizedClientException', 403, INVALID],
    expired: ['ExpiredTokenException', 403, EXPIRED],
    'bad-signature': ['InvalidSignatureException', 403, SIGNATURE],
    missing: ['MissingAuthenticationTokenException', 403, 'Missing Authentication Token'],
    denied: ['AccessDeniedException', 403],
  },
  ec2: {
    'unknown-key': [
      'AuthFailure',
      401,
      'AWS was not able to validate the provided access credentials',
    ],
    expired: ['RequestExpired', 400, 'Request has expired.'],
    'bad-signature': [
      'AuthFailure',
      401,
      'AWS was not able to validate the provided access credentials',
    ],
    missing: [
      'MissingAuthenticationToken',
      401,
      'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.',
    ],
    denied: ['UnauthorizedOperation', 403],
  },
};

function family(protocol: ProtocolName | undefined): keyof typeof CODES {
  switch (protocol) {
    case 'aws-query':
      return 'query';
    case 'aws-json-1.1':
      return 'json';
    case 'ec2-query':
      return 'ec2';
    default:
      return 'rest';
  }
}

export function authError(
  protocol: ProtocolName | undefined,
  failure: Exclude<AuthFailure, 'denied'>,
): ApiError {
  const [code, status, message] = CODES[family(protocol)][failure];
  return new ApiError(code, message, status);
}

/** The access-denied error of a protocol with `message` (from the evaluator's `denialMessage`). */
export function deniedError(protocol: ProtocolName | undefined, message: string): ApiError {
  const [code, status] = CODES[family(protocol)].denied;
  return new ApiError(code, message, status);
}
