/**
 * One place that configures every AWS SDK client. The SDK itself honours `AWS_ENDPOINT_URL` (and
 * `AWS_ENDPOINT_URL_<SERVICE>`), which is how the actions reach the local emulator: nothing here
 * knows about it, so there is no test-only path.
 */
export const USER_AGENT = 'imagebuilder-gitops/0.1.0';

export interface AwsClientOptions {
  region: string;
  /** Total attempts including the first; the SDK's standard retry strategy handles throttling/5xx. */
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function isRegion(value: string): boolean {
  return REGION.test(value);
}

/**
 * 10 attempts, not the SDK's default 3: throttling comes in bursts, and a pipeline that owns releases
 * must ride them out rather than fail halfway through a publish. The chaos suite under 20 %
 * throttling saw one call throttled 6 times in a row (seed 105); at 10 attempts that is ~1e-7 per
 * call, and the SDK's backoff (500 ms base for throttling, capped at 20 s) adds at most ~2 minutes.
 */
export const MAX_ATTEMPTS = 10;

export function clientConfig(opts: AwsClientOptions) {
  return {
    region: opts.region,
    customUserAgent: USER_AGENT,
    maxAttempts: opts.maxAttempts ?? MAX_ATTEMPTS,
    retryMode: opts.retryMode ?? 'standard',
  };
}

/** `createClient(SSMClient, {region})`: the same configuration for every service. */
export function createClient<C>(
  Ctor: new (config: ReturnType<typeof clientConfig>) => C,
  opts: AwsClientOptions,
): C {
  return new Ctor(clientConfig(opts));
}
