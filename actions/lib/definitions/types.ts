/**
 * Image definitions: which components, in which order, make which image. One YAML file per image
 * under `components/images/` (see docs/image-definitions.md). This file is the contract between the
 * validator, `plan` and `build-image`; the loader in this folder produces these types from YAML.
 *
 * ARNs and the parent image may contain `${AWS::Region}`, `${AWS::Partition}` and
 * `${AWS::AccountId}`, substituted by `build-image` for the region it builds in.
 */
export type Platform = 'Linux' | 'Windows';

/** A component document kept in this repository (path relative to the repository root). */
export interface FileComponentRef {
  kind: 'file';
  /** e.g. `components/apache-install.yml`. */
  file: string;
  /** Image Builder component name; defaults to the file's base name without extension. */
  name: string;
  /** Minimum semantic version (x.y.z) to create; the reconciler never goes below it. */
  version?: string;
  /** Values for the component document's parameters (names must exist in the document). */
  parameters: Record<string, string>;
}

/** A component owned by someone else (AWS-managed or shared), passed through by ARN. */
export interface ArnComponentRef {
  kind: 'arn';
  /** e.g. `arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:component/update-linux/x.x.x`. */
  arn: string;
  parameters: Record<string, string>;
}

export type ComponentRef = FileComponentRef | ArnComponentRef;

export interface BlockDeviceMapping {
  deviceName: string;
  ebs?: {
    volumeSize?: number;
    volumeType?: string;
    encrypted?: boolean;
    deleteOnTermination?: boolean;
    iops?: number;
    throughput?: number;
    kmsKeyId?: string;
  };
  noDevice?: string;
}

export interface AppStackRef {
  /** CloudFormation stack name. */
  name: string;
  /** Template path relative to the repository root, e.g. `stacks/app-ec2.yml`. */
  template: string;
  /** Parameter values other than the AMI parameter name and version. */
  parameters: Record<string, string>;
}

export interface ImageDefinition {
  /** Definition file, relative to the repository root. */
  file: string;
  /** Image name: the recipe and pipeline name. Defaults to the file's base name. */
  name: string;
  description?: string;
  platform: Platform;
  /** Image Builder parent image: an image ARN, an AMI id, or `ssm:<parameter>`. */
  parentImage: string;
  /** Minimum recipe semantic version (x.y.z); defaults to 1.0.0. */
  version?: string;
  /** In build order; 1..20 entries (Image Builder's limit per recipe). */
  components: ComponentRef[];
  blockDeviceMappings: BlockDeviceMapping[];
  workingDirectory?: string;
  /** Where `publish-ami` writes the AMI id, e.g. `/golden-ami/web-server`. */
  ssmParameter: string;
  /** The application stack deployed with the new AMI, if any. */
  stack?: AppStackRef;
  tags: Record<string, string>;
  /** Image scanning and the scan gate (docs/scan-gate.md); absent = scanning on, fail on critical. */
  scan?: ScanSettings;
}

export interface ScanSettings {
  /** Pipelines get `imageScanningConfiguration.imageScanningEnabled` (default true). */
  enabled: boolean;
  /** Block publishing on findings at or above this severity (default critical). */
  failOn: 'critical' | 'high' | 'medium' | 'none';
}
