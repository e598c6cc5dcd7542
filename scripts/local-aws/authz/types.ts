/**
 * The per-operation authorization glue: for each operation the emulator serves, the IAM
 * action(s), the resource ARN(s) and the request's condition keys. Action names, resource types,
 * ARN formats and which keys an action supports come from the Service Authorization catalogue
 * (`actions/lib/iam/catalogue.ts`); what is written here is only how request fields fill an ARN
 * format's variables and which request values the keys take.
 */
import type { Catalogue } from '../../../actions/lib/iam/catalogue.js';
import type { ContextValue } from '../../../actions/lib/iam/evaluate.js';
import type { EmulatorState } from '../state.js';
import type { Input } from '../types.js';

export type Context = Record<string, ContextValue | undefined>;

export interface AuthzEnv {
  catalogue: Catalogue;
  state: EmulatorState;
  region: string;
  accountId: string;
}

/** One evaluation: an action on a resource (ARN or `*`) with the request's condition keys. */
export interface AuthzCheck {
  action: string;
  resource: string;
  /** Catalogue resource type of `resource` (for its `aws:ResourceTag/*` etc.). */
  resourceType?: string;
  context: Context;
}

/**
 * How an operation is authorized. `checks` returns every (action, resource) the call needs; the
 * operation's own action first, then dependent actions (iam:PassRole...). `none` documents why an
 * operation needs no permission (STS GetCallerIdentity).
 */
export type OperationAuthz =
  { checks(input: Input, env: AuthzEnv): AuthzCheck[] } | { none: string };

export type ServiceAuthz = Record<string, OperationAuthz>;
