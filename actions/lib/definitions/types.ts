/**
 * Image definitions: which components, in which order, make which image. One YAML file per image
 * under `components/images/` (see docs/image-definitions.md). This file is the contract between the
 * validator, `plan` and `build-image`; the loader in this folder produces these types from YAML.
 *
 * ARNs and the parent image may contain `${AWS::Region}`, `${AWS::Partition}` and
 * `${AWS::AccountId}`, substituted by `build-image` for the region it builds in.
 */
export type Platform = 'Linux' | 'Windows';

/** The architectures Image Builder builds (an image's `platform` is Linux or Windows on either). */
export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];
/** Short name used by the image-fleet contract. */
export type Arch = Architecture;

/** One entry of `architectures:`: a build of the definition for that architecture. */
export interface ArchitectureSpec {
  name: Architecture;
  /** This architecture's parent; absent = the definition's `parentImage`. */
  parentImage?: string;
  /** Instance types for this architecture's builds; absent = the shared infrastructure configuration's. */
  instanceTypes?: string[];
}

/**
 * One build of a definition (see `buildTargets`): the definition itself when it lists no
 * architectures, else one per listed architecture.
 */
export interface BuildTarget {
  /** `web-server` (no architectures listed) or `web-server-x86_64`, `web-server-arm64`: job names, concurrency groups. */
  target: string;
  /** Absent when the definition lists no architectures (the architecture is the parent's). */
  architecture?: Architecture;
  /** The parent as written: `image:<definition>`, `ssm:<name>`, an image ARN or an AMI id. */
  parentImage: string;
  instanceTypes?: string[];
  /** Where publish-ami writes this target's AMI id: `ssmParameter`, or `${ssmParameter}/${architecture}`. */
  ssmParameter: string;
}

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
  /**
   * Which architecture's SSM parameter the stack deploys; absent = the first of `architectures`.
   * Only meaningful when the definition lists architectures.
   */
  architecture?: Architecture;
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
  /**
   * The parent image: `image:<definition name>` (another definition of this repository),
   * `ssm:<parameter name or ARN>`, an image ARN (x.x.x allowed) or an AMI id. The default parent of
   * every entry of `architectures`.
   */
  parentImage: string;
  /**
   * Absent: one build, architecture taken from the parent, published to `ssmParameter`. Present
   * (1+ entries, unique names): one build per entry, published to `${ssmParameter}/${name}`.
   */
  architectures?: ArchitectureSpec[];
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
