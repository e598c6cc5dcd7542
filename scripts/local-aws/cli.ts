/**
 * `npm run local-aws` (tsx scripts/local-aws/cli.ts): starts the emulator and prints the
 * environment to export. Flags: --port N, --account ID, --time-scale X, --persist FILE, --seed N.
 */
import { BOOTSTRAP_ADMIN, startLocalAws } from './server.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(flag('port') ?? process.env['LOCAL_AWS_PORT'] ?? 4566);
const aws = await startLocalAws({
  port,
  accountId: flag('account'),
  timeScale: Number(flag('time-scale') ?? 0.01),
  persistPath: flag('persist'),
  seed: flag('seed') ? Number(flag('seed')) : undefined,
});
const region = process.env['AWS_REGION'] ?? 'us-east-1';
process.stdout.write(
  `local-aws listening on ${aws.endpoint} (admin: ${aws.endpoint}/__admin/health)\n` +
    `export AWS_ENDPOINT_URL=${aws.endpoint}\n` +
    `export AWS_REGION=${region}\n` +
    `export AWS_ACCESS_KEY_ID=${BOOTSTRAP_ADMIN.accessKeyId}\n` +
    `export AWS_SECRET_ACCESS_KEY=${BOOTSTRAP_ADMIN.secretAccessKey}\n`,
);
const stop = () => void aws.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
