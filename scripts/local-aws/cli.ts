/**
 * `npm run local-aws` (tsx scripts/local-aws/cli.ts): starts the emulator and prints the
 * environment to export. `--help` prints the usage; a port in use is one line naming the port and
 * the option to change it.
 */
import { startLocalAws } from './server.js';
import { listenError, parseArgs, USAGE } from './cli-args.js';

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2), process.env);
  if ('error' in opts) {
    process.stderr.write(`local-aws: ${opts.error}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(USAGE);
    return;
  }
  let aws: Awaited<ReturnType<typeof startLocalAws>>;
  try {
    aws = await startLocalAws({
      port: opts.port,
      accountId: opts.accountId,
      timeScale: opts.timeScale,
      persistPath: opts.persistPath,
      seed: opts.seed,
    });
  } catch (e) {
    process.stderr.write(`${listenError(e, opts.port)}\n`);
    process.exit(1);
  }
  const region = process.env['AWS_REGION'] ?? 'us-east-1';
  process.stdout.write(
    `local-aws listening on ${aws.endpoint} (admin: ${aws.endpoint}/__admin/health)\n` +
      `export AWS_ENDPOINT_URL=${aws.endpoint}\n` +
      `export AWS_REGION=${region}\n` +
      'export AWS_ACCESS_KEY_ID=local\n' +
      'export AWS_SECRET_ACCESS_KEY=local\n' +
      '# AWS_ENDPOINT_URL needs AWS CLI 2.13 or later; older CLIs: --endpoint-url on each command\n',
  );
  const stop = () => void aws.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
