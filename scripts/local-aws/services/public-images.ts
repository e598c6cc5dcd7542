/**
 * The AMIs AWS publishes in every region, and the public SSM parameters that point at them.
 *
 * - One AWS-owned AMI per Amazon-managed Image Builder image (managed-catalogue.json: name,
 *   platform, architecture, OS): `arn:aws:imagebuilder:<region>:aws:image/amazon-linux-2023-x86/x.x.x`
 *   builds on the same AMI that `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64`
 *   names, as in AWS, where both track the latest Amazon Linux 2023 release.
 * - AMI ids are a pure function of region, image and release, so every region's seed is the same
 *   whenever and in whichever order the region is first used, and ids differ across regions (an
 *   AMI id is regional).
 * - Owners are the publishers' accounts (Amazon Linux 137112412989, Windows 801119661308, both with
 *   the owner alias `amazon`; Canonical 099720109477, Red Hat 309956199498 without it), which is
 *   what `DescribeImages --owners amazon` selects.
 * - Public parameter names are the documented ones ("Discovering public parameters in Parameter
 *   Store", Systems Manager user guide: `ami-amazon-linux-latest`, `ami-windows-latest`,
 *   `canonical`); their ARN has no account (`arn:aws:ssm:us-east-2::parameter/aws/service/…`, as
 *   GetParameters returns it), see ssm/public.ts.
 */
import { createHash } from 'node:crypto';
import { managedCatalogue } from './imagebuilder/references.js';
import type { Ec2Image } from './ec2.js';

export interface PublicImage {
  /** The Amazon-managed Image Builder image of this AMI. */
  name: string;
  platform: string;
  architecture: string;
  osVersion: string;
  ownerId: string;
  ownerAlias?: string;
}

/** When the seeded (release 1) AMIs were published: fixed, so no seed depends on the clock. */
export const SEED_DATE = '2024-12-01T00:00:00.000Z';

function owner(name: string): Pick<PublicImage, 'ownerId' | 'ownerAlias'> {
  if (name.startsWith('windows-')) return { ownerId: '801119661308', ownerAlias: 'amazon' };
  if (name.startsWith('ubuntu-')) return { ownerId: '099720109477' };
  if (name.startsWith('red-hat-')) return { ownerId: '309956199498' };
  if (name.startsWith('suse-')) return { ownerId: '013907871322', ownerAlias: 'amazon' };
  if (name.startsWith('macos-')) return { ownerId: '100343932686', ownerAlias: 'amazon' };
  return { ownerId: '137112412989', ownerAlias: 'amazon' };
}

let images: PublicImage[] | undefined;
export function publicImages(): PublicImage[] {
  images ??= managedCatalogue().images.map((i) => ({ ...i, ...owner(i.name) }));
  return images;
}

export function publicImage(name: string): PublicImage | undefined {
  return publicImages().find((i) => i.name === name);
}

/** `ami-` + 17 hex digits, from region, image and release. */
export function publicAmiId(region: string, name: string, release: number): string {
  const hex = createHash('sha256').update(`${region}/${name}/${release}`).digest('hex');
  return `ami-${hex.slice(0, 17)}`;
}

/** The AMI name in the publisher's style (release is the emulator's counter, not AWS's). */
export function publicAmiName(img: PublicImage, release: number): string {
  const arch = img.architecture;
  if (img.name.startsWith('amazon-linux-2023'))
    return `al2023-ami-2023.6.20241201.${release}-kernel-6.1-${arch}`;
  if (img.name.startsWith('amazon-linux-2'))
    return `amzn2-ami-kernel-5.10-hvm-2.0.20241201.${release}-${arch}-gp2`;
  if (img.name.startsWith('windows-'))
    return `${img.name
      .replace(/-x86$/, '')
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('-')
      .replace(/^Windows-Server/, 'Windows_Server')}-2024.12.${release}`;
  return `${img.name}-20241201.${release}`;
}

/** The EC2 record of a release of a managed image's AWS-owned AMI. */
export function publicAmiRecord(
  region: string,
  p: PublicImage,
  release: number,
  date: string,
): Ec2Image {
  return {
    imageId: publicAmiId(region, p.name, release),
    name: publicAmiName(p, release),
    description: `${p.osVersion} (${p.architecture}), published by AWS`,
    ownerId: p.ownerId,
    ownerAlias: p.ownerAlias,
    isPublic: true,
    state: 'available',
    creationDate: date,
    architecture: p.architecture,
    platform: p.platform === 'Windows' ? 'windows' : undefined,
    osVersion: p.osVersion,
    tags: {},
  };
}

/**
 * Public parameter → the managed image whose latest AMI it holds. Amazon Linux 2023's "default"
 * kernel parameter and the 6.1 one name the same AMI today.
 */
export const PUBLIC_PARAMETERS: Record<string, string> = {
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64': 'amazon-linux-2023-x86',
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64': 'amazon-linux-2023-x86',
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64': 'amazon-linux-2023-arm64',
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64': 'amazon-linux-2023-arm64',
  '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2': 'amazon-linux-2-x86',
  '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-arm64-gp2': 'amazon-linux-2-arm64',
  '/aws/service/ami-windows-latest/Windows_Server-2016-English-Full-Base':
    'windows-server-2016-english-full-base-x86',
  '/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-Base':
    'windows-server-2019-english-full-base-x86',
  '/aws/service/ami-windows-latest/Windows_Server-2019-English-Core-Base':
    'windows-server-2019-english-core-base-x86',
  '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base':
    'windows-server-2022-english-full-base-x86',
  '/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-Base':
    'windows-server-2022-english-core-base-x86',
  '/aws/service/ami-windows-latest/Windows_Server-2025-English-Full-Base':
    'windows-server-2025-english-full-base-x86',
  '/aws/service/ami-windows-latest/Windows_Server-2025-English-Core-Base':
    'windows-server-2025-english-core-base-x86',
  '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id':
    'ubuntu-server-24-lts-x86',
  '/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id':
    'ubuntu-server-24-lts-arm64',
  '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id':
    'ubuntu-server-22-lts-x86',
  '/aws/service/canonical/ubuntu/server/22.04/stable/current/arm64/hvm/ebs-gp2/ami-id':
    'ubuntu-server-22-lts-arm64',
};

/** Public parameter names start with `/aws/service/` (user guide, as above). */
export function isPublicParameter(name: string): boolean {
  return /^\/aws\/service\//.test(name);
}
