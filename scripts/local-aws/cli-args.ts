/**
 * The local-aws command line, pure: usage, argument parsing and the one-line listen errors.
 * scripts/local-aws/cli.ts runs it.
 */

export const DEFAULT_PORT = 4566;
export const DEFAULT_TIME_SCALE = 0.01;

export const USAGE = `Usage: npm run local-aws -- [options]

Starts the local AWS emulator (Image Builder, SSM, CloudFormation, EC2, STS) on 127.0.0.1 and
prints the export lines that point the AWS CLI, the SDK or an action at it.

Options:
  --port N          port to listen on (default ${DEFAULT_PORT}, or $LOCAL_AWS_PORT; 0 = any free port)
  --time-scale X    multiplies build durations (default ${DEFAULT_TIME_SCALE}: a 20-minute build takes 12 s)
  --account ID      the 12-digit account id of every ARN (default 123456789012)
  --persist FILE    keep the state in FILE across restarts
  --seed N          seed of the emulator's random ids and faults
  --help            this text

AWS_ENDPOINT_URL needs AWS CLI 2.13 or later; with an older CLI pass --endpoint-url on each command.
`;

export interface CliOptions {
  help: boolean;
  port: number;
  timeScale: number;
  accountId?: string;
  persistPath?: string;
  seed?: number;
}

/** Pure: argv (after the script) and the environment → options, or an error message. */
export function parseArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): CliOptions | { error: string } {
  const known = ['port', 'time-scale', 'account', 'persist', 'seed'];
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { help: true, port: 0, timeScale: 0 };
    const name = a.replace(/^--/, '');
    if (!a.startsWith('--') || !known.includes(name))
      return { error: `unknown option '${a}' (see --help)` };
    const v = argv[++i];
    if (v === undefined) return { error: `option '${a}' needs a value (see --help)` };
    values[name] = v;
  }
  const port = Number(values['port'] ?? env['LOCAL_AWS_PORT'] ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return { error: `--port must be a whole number from 0 to 65535, got '${values['port']}'` };
  const timeScale = Number(values['time-scale'] ?? DEFAULT_TIME_SCALE);
  if (!(timeScale > 0)) return { error: `--time-scale must be a positive number` };
  return {
    help: false,
    port,
    timeScale,
    accountId: values['account'],
    persistPath: values['persist'],
    seed: values['seed'] === undefined ? undefined : Number(values['seed']),
  };
}

/** The one line for a failure to listen. */
export function listenError(e: unknown, port: number): string {
  const code = (e as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return `local-aws: port ${port} is already in use; stop what is using it or pick another with --port N (or LOCAL_AWS_PORT).`;
  if (code === 'EACCES')
    return `local-aws: no permission to listen on port ${port}; pick a port above 1023 with --port N.`;
  return `local-aws: could not start: ${(e as Error).message}`;
}
