// Time compression for the demo, preloaded into each action process with
// NODE_OPTIONS=--import=<this file> and DEMO_TIME_WARP=<epochMs>:<factor>.
// From the shared epoch, Date runs `factor` times faster and timers fire `factor` times sooner, in
// every action process and in the emulator alike (scripts/demo/warp-clock.ts uses the same
// formula), so a 20-minute image build takes seconds, while the actions, unchanged, see 20 minutes
// pass and report real-looking durations. Like libfaketime: the environment changes, not the code.
import { syncBuiltinESMExports } from 'node:module';
import timersPromises from 'node:timers/promises';

const spec = process.env.DEMO_TIME_WARP;
if (spec) {
  const [epochText, factorText] = spec.split(':');
  const epoch = Number(epochText);
  const factor = Number(factorText);
  if (!(epoch > 0) || !(factor >= 1))
    throw new Error(`DEMO_TIME_WARP must be <epochMs>:<factor>, got '${spec}'`);

  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const warpedNow = () => Math.round(epoch + (realNow() - epoch) * factor);
  class WarpedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(warpedNow());
      else super(...args);
    }
    static now() {
      return warpedNow();
    }
  }
  globalThis.Date = WarpedDate;

  const shrink = (ms) => Math.max(0, Number(ms) || 0) / factor;
  const realSetTimeout = globalThis.setTimeout;
  const realSetInterval = globalThis.setInterval;
  globalThis.setTimeout = (fn, ms, ...rest) => realSetTimeout(fn, shrink(ms), ...rest);
  globalThis.setInterval = (fn, ms, ...rest) => realSetInterval(fn, shrink(ms), ...rest);
  const realSleep = timersPromises.setTimeout;
  timersPromises.setTimeout = (ms, ...rest) => realSleep(shrink(ms), ...rest);
  syncBuiltinESMExports();
}
