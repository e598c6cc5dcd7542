/** STS's operations: neither is authorized by identity policies. */
import type { ServiceAuthz } from './types.js';

export const stsAuthz: ServiceAuthz = {
  GetCallerIdentity: {
    none: 'No permissions are required to perform this operation (STS API reference, GetCallerIdentity).',
  },
  AssumeRoleWithWebIdentity: {
    none: 'Unsigned: the role trust policy decides, evaluated by the operation itself (services/sts.ts).',
  },
};
