/**
 * The services the emulator serves, by SigV4 signing name. Adding a service is one file exporting
 * a `ServiceDefinition` and one line here (CloudFormation: `cloudformation: cloudformationService`).
 */
import type { ServiceDefinition } from './types.js';
import { imagebuilderService } from './services/imagebuilder/index.js';
import { ssmService } from './services/ssm/index.js';
import { ec2Service } from './services/ec2.js';
import { stsService } from './services/sts.js';
import { cloudformationService } from './services/cloudformation/index.js';

export const SERVICES: ServiceDefinition[] = [
  imagebuilderService,
  ssmService,
  ec2Service,
  stsService,
  cloudformationService,
];

export function serviceFor(
  signingName: string,
  services = SERVICES,
): ServiceDefinition | undefined {
  return services.find((s) => s.signingName === signingName);
}
