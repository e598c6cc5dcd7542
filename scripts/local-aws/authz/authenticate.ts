/**
 * The authenticate stage: the SigV4 access key names the principal. The bootstrap administrator's
 * long-lived key, or a session's temporary key with its session token (`x-amz-security-token`),
 * unexpired by the emulator's clock; the signature is recomputed with the key's secret. Unsigned
 * requests pass only for the operations AWS serves unsigned (`anonymousOperations`).
 */
import type { Clock } from '../../../actions/lib/core/clock.js';
import type { Decoded } from '../dispatch.js';
import type { EmulatorState } from '../state.js';
import { iamState } from '../iam/model.js';
import { ANONYMOUS, type Principal } from '../iam/principal.js';
import { authorization, verifySignature } from '../protocols/sigv4.js';
import { authError } from './errors.js';

export async function authenticate(
  d: Decoded,
  env: { state: EmulatorState; clock: Clock },
): Promise<Principal> {
  const protocol = d.svc.protocol;
  const auth = authorization(d.raw.headers, d.raw.query);
  if (!auth) {
    if (d.svc.anonymousOperations?.includes(d.operation)) return ANONYMOUS;
    throw authError(protocol, 'missing');
  }
  const iam = iamState(env.state);
  const key = iam.accessKeys[auth.accessKeyId];
  const session = iam.sessions[auth.accessKeyId];
  let principal: Principal;
  let secret: string;
  if (key) {
    const user = iam.users[key.user];
    if (!user) throw authError(protocol, 'unknown-key');
    principal = { kind: 'user', arn: user.arn, userId: user.userId };
    secret = key.secretAccessKey;
  } else if (session) {
    const token = d.raw.headers['x-amz-security-token'] ?? d.raw.query.get('X-Amz-Security-Token');
    if (token !== session.sessionToken) throw authError(protocol, 'unknown-key');
    if (env.clock.now() >= session.expiration) throw authError(protocol, 'expired');
    principal = {
      kind: 'assumed-role',
      arn: session.arn,
      userId: session.assumedRoleId,
      session,
    };
    secret = session.secretAccessKey;
  } else {
    throw authError(protocol, 'unknown-key');
  }
  if (!(await verifySignature(d.raw, auth, secret))) throw authError(protocol, 'bad-signature');
  return principal;
}
