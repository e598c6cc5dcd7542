/**
 * Who signed a request: the account's bootstrap administrator (an IAM user with a long-lived
 * key), an assumed-role session (temporary key + session token), or nobody (the few operations
 * AWS serves unsigned, such as AssumeRoleWithWebIdentity).
 */
import { iamState, rolePolicies, type IamState, type Session, type StoredPolicy } from './model.js';
import type { EmulatorState } from '../state.js';

export interface Principal {
  kind: 'user' | 'assumed-role' | 'anonymous';
  /** `arn:aws:iam::<acct>:user/<name>` or `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  arn: string;
  /** GetCallerIdentity's UserId. */
  userId: string;
  session?: Session;
}

export const ANONYMOUS: Principal = { kind: 'anonymous', arn: '', userId: '' };

/** The identity-based policies in force for `p` now (re-read, so policy changes apply at once). */
export function principalPolicies(state: EmulatorState, p: Principal): StoredPolicy[] {
  const iam: IamState = iamState(state);
  if (p.kind === 'user') {
    const user = Object.values(iam.users).find((u) => u.arn === p.arn);
    return user ? Object.values(user.inline) : [];
  }
  if (p.kind === 'assumed-role' && p.session) {
    const role = iam.roles[p.session.roleName];
    return role ? rolePolicies(iam, role) : [];
  }
  return [];
}
