/** `npm run local-aws`'s command line: usage, options and the one-line error for a busy port. */
import { describe, it, expect } from '@jest/globals';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_PORT,
  DEFAULT_TIME_SCALE,
  USAGE,
  listenError,
  parseArgs,
} from '../../scripts/local-aws/cli-args.js';
import { startLocalAws } from '../../scripts/local-aws/server.js';

describe('local-aws command line', () => {
  it('--help is the usage, naming every option, the defaults and the CLI version note', () => {
    expect(parseArgs(['--help'], {})).toMatchObject({ help: true });
    for (const o of ['--port', '--time-scale', '--account', '--persist', '--seed', '--help'])
      expect(USAGE).toContain(o);
    expect(USAGE).toContain(`default ${DEFAULT_PORT}`);
    expect(USAGE).toContain(`default ${DEFAULT_TIME_SCALE}`);
    expect(USAGE).toContain('AWS CLI 2.13');
  });

  it('parses options, LOCAL_AWS_PORT, and refuses unknown or incomplete ones', () => {
    expect(parseArgs(['--port', '5000', '--time-scale', '0.5'], {})).toMatchObject({
      help: false,
      port: 5000,
      timeScale: 0.5,
    });
    expect(parseArgs([], { LOCAL_AWS_PORT: '4600' })).toMatchObject({ port: 4600 });
    expect(parseArgs(['--prot', '1'], {})).toEqual({
      error: "unknown option '--prot' (see --help)",
    });
    expect(parseArgs(['--port'], {})).toEqual({
      error: "option '--port' needs a value (see --help)",
    });
    expect(parseArgs(['--port', 'x'], {})).toHaveProperty('error');
  });

  it('a busy port is one line naming the port and the option to change it', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const e = await startLocalAws({ port }).then(
        (aws) => aws.close().then(() => new Error('started on a busy port')),
        (err: unknown) => err,
      );
      const line = listenError(e, port);
      expect(line).toBe(
        `local-aws: port ${port} is already in use; stop what is using it or pick another with --port N (or LOCAL_AWS_PORT).`,
      );
      expect(line).not.toContain('\n');
    } finally {
      blocker.close();
    }
  });
});
