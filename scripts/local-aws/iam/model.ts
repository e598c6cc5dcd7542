/**
 * The account's IAM entities and the STS sessions issued for them, kept in the global (not
 * regional) part of the emulator state. Roles, policies, OIDC providers and instance profiles are
 * created by the emulator's CloudFormation (`provision.ts`); the bootstrap administrator is the
 * account's one IAM user, whose long-lived access key is how a platform team deploys the
 * long-lived stacks, and is evaluated like every other principal (an allow-all policy).
 */
import type { PolicyDocument } from '../../../actions/lib/iam/evaluate.js';
import { globalState, type EmulatorState } from '../state.js';

/** A policy document as written in a template: an object or a JSON string (parsed when evaluated). */
export type PolicyDoc = PolicyDocument | string;

/** A policy as the evaluator names it in decisions: where it was written. */
export interface StoredPolicy {
  name: string;
  document: PolicyDoc;
  /** E.g. `stack golden-ami-github-oidc, DeployRole.Policies[image-builder]`. */
  source?: string;
}

export interface IamRole {
  name: string;
  arn: string;
  roleId: string;
  path: string;
  trust: StoredPolicy;
  /** Inline policies by name (the role's `Policies` and `AWS::IAM::Policy`/`RolePolicy`). */
  inline: Record<string, StoredPolicy>;
  /** Attached managed policy ARNs. */
  attached: string[];
  maxSessionDuration: number;
  description?: string;
  createDate: number;
  tags: Record<string, string>;
}

export interface IamManagedPolicy extends StoredPolicy {
  arn: string;
  path: string;
  /** Roles the policy resource attaches itself to (`AWS::IAM::ManagedPolicy.Roles`). */
  roles: string[];
}

export interface IamOidcProvider {
  arn: string;
  url: string;
  clientIds: string[];
  thumbprints: string[];
  tags: Record<string, string>;
}

export interface IamInstanceProfile {
  name: string;
  arn: string;
  path: string;
  roles: string[];
}

export interface IamUser {
  name: string;
  arn: string;
  userId: string;
  inline: Record<string, StoredPolicy>;
}

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  user: string;
}

/** Temporary credentials of an assumed-role session. */
export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiration: number;
  roleName: string;
  roleArn: string;
  sessionName: string;
  /** `AROA…:<session>`, GetCallerIdentity's UserId. */
  assumedRoleId: string;
  /** `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  arn: string;
  /** The OIDC provider ARN for web identity sessions. */
  federatedProvider?: string;
  /** Service principal for sessions a service assumed (`cloudformation.amazonaws.com`). */
  service?: string;
}

export interface IamState {
  roles: Record<string, IamRole>;
  policies: Record<string, IamManagedPolicy>;
  oidcProviders: Record<string, IamOidcProvider>;
  instanceProfiles: Record<string, IamInstanceProfile>;
  users: Record<string, IamUser>;
  accessKeys: Record<string, AccessKey>;
  sessions: Record<string, Session>;
}

export function iamState(state: EmulatorState): IamState {
  return globalState(state, 'iam', () => ({
    roles: {},
    policies: {},
    oidcProviders: {},
    instanceProfiles: {},
    users: {},
    accessKeys: {},
    sessions: {},
  }));
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The account's bootstrap administrator: what `npm run demo` and the tests sign with to create
 * the long-lived stacks. Any other key is unknown to the emulator, as to AWS.
 */
export const BOOTSTRAP_ADMIN: Credentials & { userName: string } = {
  accessKeyId: 'AKIDLOCALDEMO',
  secretAccessKey: 'local-demo-secret',
  userName: 'local-aws',
};

/** Creates the bootstrap administrator (user, allow-all inline policy, access key) if missing. */
export function ensureAdministrator(
  state: EmulatorState,
  accountId: string,
  admin: Credentials & { userName: string } = BOOTSTRAP_ADMIN,
): void {
  const iam = iamState(state);
  if (iam.accessKeys[admin.accessKeyId]) return;
  iam.users[admin.userName] ??= {
    name: admin.userName,
    arn: `arn:aws:iam::${accountId}:user/${admin.userName}`,
    userId: 'AIDALOCALAWSEMULATOR',
    inline: {
      'bootstrap-administrator': {
        name: 'bootstrap-administrator',
        source: 'the emulator’s bootstrap administrator (scripts/local-aws/iam/model.ts)',
        document: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'FullAccess', Effect: 'Allow', Action: '*', Resource: '*' }],
        },
      },
    },
  };
  iam.accessKeys[admin.accessKeyId] = {
    accessKeyId: admin.accessKeyId,
    secretAccessKey: admin.secretAccessKey,
    user: admin.userName,
  };
}

/** `arn:aws:iam::123:role/path/name` → `name`. */
export function roleNameOf(arn: string): string | undefined {
  const m = /^arn:aws[\w-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}

/** Policies that apply to a role's sessions: inline, then attached managed ones we hold. */
export function rolePolicies(iam: IamState, role: IamRole): StoredPolicy[] {
  const managed = role.attached.flatMap((arn) => (iam.policies[arn] ? [iam.policies[arn]] : []));
  return [...Object.values(role.inline), ...managed];
}
