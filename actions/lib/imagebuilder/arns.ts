/** ARN helpers: pseudo-parameter substitution and the parts of Image Builder ARNs we read. */
import { ConfigurationError } from '../core/errors.js';

export interface AwsLocation {
  partition: string;
  region: string;
  accountId: string;
}

/** Substitutes `${AWS::Region}`, `${AWS::Partition}` and `${AWS::AccountId}`. */
export function substitutePseudo(text: string, loc: AwsLocation): string {
  return text
    .replace(/\$\{AWS::Region\}/g, loc.region)
    .replace(/\$\{AWS::Partition\}/g, loc.partition)
    .replace(/\$\{AWS::AccountId\}/g, loc.accountId);
}

const ARN = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/;

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}

/**
 * Partition and account from an ARN the workflow already has (the infrastructure configuration's),
 * so the action needs no STS call to resolve `${AWS::AccountId}`.
 */
export function locationFromArn(arn: string, region: string, input: string): AwsLocation {
  const p = parseArn(arn);
  if (!p || !/^\d{12}$/.test(p.account)) {
    throw new ConfigurationError(
      `Input '${input}' must be an ARN with an account id (arn:aws:imagebuilder:<region>:<account>:...), got '${arn}'. ` +
        'Pass the output of the image-builder stack.',
    );
  }
  return { partition: p.partition, region, accountId: p.account };
}

/** `x.y.z` of `.../component/<name>/x.y.z[/build]` or `.../image-recipe/<name>/x.y.z`. */
export function versionOfArn(arn: string): string | undefined {
  const p = parseArn(arn);
  const parts = p?.resource.split('/') ?? [];
  return parts[2];
}

/** The resource name of `.../<type>/<name>/...`. */
export function nameOfArn(arn: string): string | undefined {
  return parseArn(arn)?.resource.split('/')[1];
}

/** `.../component/<name>/x.y.z/<build>` → `.../component/<name>/x.y.z`. */
export function semanticVersionArn(arn: string): string {
  const m = /^(.*\/\d+\.\d+\.\d+)(\/\d+)?$/.exec(arn);
  return m ? m[1]! : arn;
}
