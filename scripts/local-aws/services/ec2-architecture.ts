/**
 * An instance type and an AMI of different architectures: what EC2 RunInstances refuses with
 * InvalidParameterValue, "The architecture 'x86_64' of the specified instance type does not match
 * the architecture 'arm64' of the specified AMI. Specify an instance type and an AMI that have
 * matching architectures, and try again. You can use 'describe-instance-types' or
 * 'describe-images' to discover the architecture of the instance type or AMI." (as quoted in
 * hashicorp/packer#11429, aws/aws-parallelcluster#3795, and through CloudFormation in
 * Genaker/TerraformMagentoCloud#21). Image Builder's build launch and CloudFormation's
 * AWS::EC2::Instance both meet it. An instance type's architecture follows EC2's naming (the
 * definitions' rule, shared with validate and plan).
 */
import { instanceTypeArchitecture } from '../../../actions/lib/definitions/architecture-rules.js';

export function architectureMismatch(typeArch: string, amiArch: string): string {
  return (
    `The architecture '${typeArch}' of the specified instance type does not match the architecture '${amiArch}' of the specified AMI. ` +
    "Specify an instance type and an AMI that have matching architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to discover the architecture of the instance type or AMI."
  );
}

/** EC2's message when `instanceType` cannot launch an AMI of `amiArch`; undefined when it can. */
export function launchMismatch(instanceType: string, amiArch: string): string | undefined {
  const arch = instanceTypeArchitecture(instanceType);
  return arch && arch !== amiArch ? architectureMismatch(arch, amiArch) : undefined;
}
