/** A seeded PRNG (mulberry32) so fault injection and generated ids are reproducible. */
import { prng } from '../../actions/lib/core/random.js';

export class Random {
  private readonly draw: () => number;
  constructor(seed = 42) {
    this.draw = prng(seed);
  }
  next(): number {
    return this.draw();
  }
  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

/** EC2 resource ids are the prefix and 17 lowercase hex digits (`ami-0123456789abcdef0`). */
export function ec2Id(random: Random, prefix: string): string {
  return `${prefix}-${random.hex(17)}`;
}
