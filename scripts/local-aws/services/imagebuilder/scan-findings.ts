/**
 * One scripted Inspector finding in the shape ListImageScanFindings returns (API_ImageScanFinding:
 * package vulnerability details with the vulnerable package, its fixed-in version, CVSS and the
 * Inspector score, links), from the few fields a test or the demo gives.
 */
import type { OpContext } from '../../types.js';
import type { ImageRec, Json } from './model.js';

export interface ScanFindingSpec {
  /** CVE-…, GHSA-…, ALAS… */
  vulnerabilityId: string;
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNTRIAGED';
  package?: string;
  version?: string;
  fixedInVersion?: string;
  score?: number;
  title?: string;
}

const DEFAULT_SCORE: Record<string, number | undefined> = {
  CRITICAL: 9.8,
  HIGH: 7.5,
  MEDIUM: 5.3,
  LOW: 2.1,
};

export function finding(
  spec: ScanFindingSpec,
  img: Pick<ImageRec, 'arn' | 'pipelineArn'>,
  ctx: Pick<OpContext, 'accountId'>,
  at: number,
): Json {
  const pkg = spec.package ?? 'openssl';
  const version = spec.version ?? '3.0.8';
  const score = spec.score ?? DEFAULT_SCORE[spec.severity];
  const nvd = `https://nvd.nist.gov/vuln/detail/${spec.vulnerabilityId}`;
  const seconds = Math.floor(at / 1000);
  return {
    awsAccountId: ctx.accountId,
    imageBuildVersionArn: img.arn,
    imagePipelineArn: img.pipelineArn,
    type: 'PACKAGE_VULNERABILITY',
    title: spec.title ?? `${spec.vulnerabilityId} - ${pkg}`,
    description: `${pkg} ${version} is affected by ${spec.vulnerabilityId}.`,
    remediation: {
      recommendation: {
        text: spec.fixedInVersion
          ? `Update ${pkg} to ${spec.fixedInVersion} or later.`
          : 'None provided',
      },
    },
    severity: spec.severity,
    firstObservedAt: seconds,
    updatedAt: seconds,
    inspectorScore: score,
    inspectorScoreDetails: score
      ? {
          adjustedCvss: {
            scoreSource: 'NVD',
            cvssSource: 'NVD',
            version: '3.1',
            score,
            scoringVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            adjustments: [],
          },
        }
      : undefined,
    packageVulnerabilityDetails: {
      vulnerabilityId: spec.vulnerabilityId,
      vulnerablePackages: [
        {
          name: pkg,
          version,
          arch: 'X86_64',
          packageManager: 'OS',
          ...(spec.fixedInVersion
            ? { fixedInVersion: spec.fixedInVersion, remediation: `dnf update ${pkg}` }
            : {}),
        },
      ],
      source: 'NVD',
      sourceUrl: nvd,
      referenceUrls: [nvd],
      cvss: score ? [{ baseScore: score, version: '3.1', source: 'NVD' }] : [],
      vendorSeverity: spec.severity,
    },
    fixAvailable: spec.fixedInVersion ? 'YES' : 'NO',
  };
}
