/** The tags the emulator holds for a resource ARN: what `aws:ResourceTag/*` reads. */
import { iamState } from '../iam/model.js';
import type { EmulatorState } from '../state.js';
import { cfnState } from '../services/cloudformation/model.js';
import { ec2State } from '../services/ec2.js';
import { ibState } from '../services/imagebuilder/model.js';
import { ssmState } from '../services/ssm/model.js';

export function resourceTags(state: EmulatorState, arn: string): Record<string, string> {
  const [, , service, region = '', , ...rest] = arn.split(':');
  const resource = rest.join(':');
  switch (service) {
    case 'imagebuilder':
      return ibState(state, region).tags[arn] ?? {};
    case 'ssm': {
      const name = resource.replace(/^parameter/, '');
      const params = ssmState(state, region).params;
      return (params[name] ?? params[name.replace(/^\//, '')])?.tags ?? {};
    }
    case 'cloudformation': {
      const st = cfnState(state, region).stacks[arn];
      return Object.fromEntries((st?.tags ?? []).map((t) => [t.Key, t.Value]));
    }
    case 'ec2': {
      const id = resource.split('/').pop() ?? '';
      return ec2State(state, region).images[id]?.tags ?? {};
    }
    case 'iam': {
      const name = /^role\/(?:.*\/)?([^/]+)$/.exec(resource)?.[1];
      return (name && iamState(state).roles[name]?.tags) || {};
    }
    default:
      return {};
  }
}
