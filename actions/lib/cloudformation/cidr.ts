/** `Fn::Cidr` for IPv4: `count` consecutive blocks of `cidrBits` host bits carved from `ipBlock`. */
export function cidrSubnets(ipBlock: string, count: number, cidrBits: number): string[] {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(ipBlock.trim());
  if (!m) throw new Error(`'${ipBlock}' is not an IPv4 CIDR block (IPv6 is not supported here)`);
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32)
    throw new Error(`'${ipBlock}' is not a valid CIDR block`);
  if (!Number.isInteger(count) || count < 1 || count > 256)
    throw new Error(`count must be 1 to 256, got ${count}`);
  const newPrefix = 32 - cidrBits;
  if (!Number.isInteger(cidrBits) || cidrBits < 0 || newPrefix < prefix) {
    throw new Error(`cidrBits ${cidrBits} does not fit in a /${prefix} block`);
  }
  const size = 2 ** cidrBits;
  const base = octets.reduce((a, o) => a * 256 + o, 0);
  const network = base - (base % 2 ** (32 - prefix));
  if (count * size > 2 ** (32 - prefix))
    throw new Error(`${count} blocks of /${newPrefix} do not fit in ${ipBlock}`);
  return Array.from({ length: count }, (_, i) => {
    const n = network + i * size;
    return `${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')}/${newPrefix}`;
  });
}
