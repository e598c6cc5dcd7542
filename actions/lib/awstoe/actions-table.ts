/**
 * The 30 AWSTOE action modules, their input shapes, keys and chaining outputs.
 * Source: the AWSTOE action module reference
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-action-modules.html), checked against the
 * AWS CDK's `ComponentAction` enum (`@aws-cdk/aws-imagebuilder-alpha`).
 */

/** "map": `inputs` is one mapping; "list": a list of mappings (one per file/operation). */
export type InputShape = 'map' | 'list';

export interface ActionSpec {
  shape: InputShape;
  /** `inputs` may be left out (Reboot, UpdateOS). */
  inputsOptional?: boolean;
  required: readonly string[];
  optional: readonly string[];
  /** Output fields for `{{ phase.step.outputs.x }}`; '*' when the docs do not enumerate them. */
  outputs: readonly string[] | '*';
}

const list = (required: string[], optional: string[] = [], outputs: string[] = []): ActionSpec => ({
  shape: 'list',
  required,
  optional,
  outputs,
});
const copyMove = list(['source', 'destination'], ['overwrite']);
const folderOwner = ['owner', 'group', 'permissions', 'overwrite'];

export const ACTIONS: Readonly<Record<string, ActionSpec>> = {
  AppendFile: list(['path'], ['content', 'encoding']),
  // Assert's inputs are one comparison/logical expression (the `Assert` module of the action reference): keys are checked by expressions.ts.
  Assert: { shape: 'map', required: [], optional: [], outputs: '*' },
  CopyFile: copyMove,
  CopyFolder: copyMove,
  CreateFile: list(['path'], ['content', 'encoding', ...folderOwner]),
  CreateFolder: list(['path'], folderOwner),
  CreateSymlink: list(['path', 'target'], ['force']),
  DeleteFile: list(['path']),
  DeleteFolder: list(['path'], ['force']),
  ExecuteBash: { shape: 'map', required: ['commands'], optional: [], outputs: ['stdout'] },
  ExecuteBinary: { shape: 'map', required: ['path'], optional: ['arguments'], outputs: ['stdout'] },
  ExecuteDocument: {
    shape: 'map',
    required: ['document'],
    optional: ['phases', 'parameters', 'document-s3-bucket-owner'],
    outputs: '*',
  },
  // Exactly one of commands/file: checked in inputs.ts (required is empty on purpose).
  ExecutePowerShell: {
    shape: 'map',
    required: [],
    optional: ['commands', 'file'],
    outputs: ['stdout'],
  },
  InstallMSI: {
    shape: 'map',
    required: ['path'],
    optional: [
      'reboot',
      'logOptions',
      'logFile',
      'properties',
      'ignoreAuthenticodeSignatureErrors',
      'allowUnsignedInstaller',
    ],
    outputs: ['logFile', 'msiExitCode', 'stdout'],
  },
  ListFiles: list(['path'], ['fileNamePattern', 'recursive'], ['files']),
  MoveFile: copyMove,
  MoveFolder: copyMove,
  ReadFile: list(['path'], ['encoding', 'printFileContent'], ['content']),
  Reboot: {
    shape: 'map',
    inputsOptional: true,
    required: [],
    optional: ['delaySeconds'],
    outputs: [],
  },
  S3Download: list(['source', 'destination'], ['expectedBucketOwner', 'overwrite']),
  S3Upload: list(['source', 'destination'], ['recurse', 'expectedBucketOwner']),
  SetFileEncoding: list(['path'], ['encoding']),
  SetFileOwner: list(['path', 'owner'], ['group']),
  SetFilePermissions: list(['path', 'permissions']),
  SetFolderOwner: list(['path', 'owner'], ['group', 'recursive']),
  SetFolderPermissions: list(['path', 'permissions'], ['recursive']),
  SetRegistry: list(['path', 'name', 'value', 'type']),
  UninstallMSI: {
    shape: 'map',
    required: ['path'],
    optional: [
      'reboot',
      'logOptions',
      'logFile',
      'properties',
      'ignoreAuthenticodeSignatureErrors',
      'allowUnsignedInstaller',
    ],
    outputs: ['logFile', 'msiExitCode', 'stdout'],
  },
  UpdateOS: {
    shape: 'map',
    inputsOptional: true,
    required: [],
    optional: ['include', 'exclude'],
    outputs: [],
  },
  WebDownload: list(
    ['source', 'destination'],
    ['overwrite', 'checksum', 'algorithm', 'ignoreCertificateErrors'],
    ['destination'],
  ),
};

export const ACTION_NAMES: readonly string[] = Object.keys(ACTIONS);

const BY_LOWER = new Map(ACTION_NAMES.map((n) => [n.toLowerCase(), n]));

/** The correctly cased action name when `name` differs from it only in case. */
export function actionByCaseInsensitiveName(name: string): string | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/** Enumerated input values (the action module reference): key → allowed values, per action. */
export const INPUT_ENUMS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  SetRegistry: { type: ['BINARY', 'DWORD', 'QWORD', 'SZ', 'EXPAND_SZ', 'MULTI_SZ'] },
  InstallMSI: { reboot: ['Allow', 'Force', 'Skip'] },
  UninstallMSI: { reboot: ['Allow', 'Force', 'Skip'] },
  WebDownload: { algorithm: ['MD5', 'SHA1', 'SHA256', 'SHA512'] },
};
