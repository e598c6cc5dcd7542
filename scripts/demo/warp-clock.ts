/**
 * The emulator's clock in the demo: the same compressed time as the action processes get from
 * time-warp.mjs (same epoch, same factor), so builds, polls and timestamps agree across processes.
 */
import type { Clock } from '../../actions/lib/core/clock.js';

export function warpSpec(epoch: number, factor: number): string {
  return `${epoch}:${factor}`;
}

export function warpedClock(epoch: number, factor: number): Clock {
  return {
    now: () => Math.round(epoch + (Date.now() - epoch) * factor),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / factor)),
  };
}
