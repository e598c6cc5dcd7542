/**
 * An AMI as the emulator keeps it, its DescribeImages wire form (EC2 API reference, `Image`), and
 * the values DescribeImages filters match against (`Filter.N.Name`, with `*`/`?` wildcards).
 */

export interface Ec2Image {
  imageId: string;
  name: string;
  description?: string;
  ownerId: string;
  state: 'available' | 'pending' | 'failed';
  creationDate: string;
  architecture: string;
  platform?: string;
  /** `amazon` for the AMIs AWS publishes (DescribeImages `imageOwnerAlias`). */
  ownerAlias?: string;
  isPublic?: boolean;
  /** Bookkeeping (not on the wire): the OS, for Image Builder's component checks on a child. */
  osVersion?: string;
  tags: Record<string, string>;
  /** Set by EnableImageDeprecation (ISO, rounded to the minute as EC2 does). */
  deprecationTime?: string;
}

/** EC2 filter values accept `*` and `?` wildcards. */
export function wildcard(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

export function filterValue(img: Ec2Image, name: string): string[] | undefined {
  if (name.startsWith('tag:'))
    return img.tags[name.slice(4)] !== undefined ? [img.tags[name.slice(4)]!] : [];
  switch (name) {
    case 'name':
      return [img.name];
    case 'state':
      return [img.state];
    case 'image-id':
      return [img.imageId];
    case 'owner-id':
      return [img.ownerId];
    case 'tag-key':
      return Object.keys(img.tags);
    case 'architecture':
      return [img.architecture];
    case 'platform':
      return img.platform ? [img.platform] : [];
    case 'owner-alias':
      return img.ownerAlias ? [img.ownerAlias] : [];
    case 'is-public':
      return [String(!!img.isPublic)];
    case 'image-type':
      return ['machine'];
    default:
      return undefined;
  }
}

export function toWire(img: Ec2Image) {
  return {
    imageId: img.imageId,
    imageLocation: `${img.ownerId}/${img.name}`,
    imageState: img.state,
    imageOwnerId: img.ownerId,
    imageOwnerAlias: img.ownerAlias,
    creationDate: img.creationDate,
    isPublic: !!img.isPublic,
    architecture: img.architecture,
    imageType: 'machine',
    name: img.name,
    description: img.description,
    platform: img.platform,
    platformDetails: img.platform === 'windows' ? 'Windows' : 'Linux/UNIX',
    rootDeviceType: 'ebs',
    // Windows AMIs boot from /dev/sda1, Linux ones from /dev/xvda (EC2 user guide, device names).
    rootDeviceName: img.platform === 'windows' ? '/dev/sda1' : '/dev/xvda',
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    enaSupport: true,
    deprecationTime: img.deprecationTime,
    tagSet: Object.keys(img.tags).length
      ? Object.entries(img.tags).map(([key, value]) => ({ key, value }))
      : undefined,
  };
}
