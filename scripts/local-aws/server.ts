/**
 * The local AWS emulator's HTTP edge: one loopback endpoint for every region and service. Each
 * request is read into a `RawRequest` and handed to the emulator's `dispatch` (`emulator.ts`,
 * `dispatch.ts`); `/__admin/...` is the admin API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../actions/lib/core/clock.js';
import type { RawRequest, RawResponse } from './types.js';
import type { EmulatorState } from './state.js';
import { handleAdmin, type Admin } from './admin.js';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';

export { BOOTSTRAP_ADMIN } from './iam/model.js';
export { localIssuer, GITHUB_ACTIONS_ISSUER } from './oidc/issuer.js';

export interface LocalAwsOptions extends EmulatorOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
}

export interface LocalAws {
  endpoint: string;
  port: number;
  readonly state: EmulatorState;
  admin: Admin;
  /** The same emulator in-process: `emulator.dispatch(raw)` without a socket. */
  emulator: Emulator;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * `date` is the emulator's own clock, not Node's: the SDK corrects its clock skew from this header
 * and retries any error as "clock skew corrected" while it moves, so a compressed clock (the demo's
 * time warp) must be the one the responses report.
 */
function write(res: ServerResponse, r: RawResponse, clock: Clock = systemClock): void {
  res.writeHead(r.status, {
    ...r.headers,
    date: new Date(clock.now()).toUTCString(),
    'content-length': String(Buffer.byteLength(r.body)),
  });
  res.end(r.body);
}

export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const emulator = createEmulator(options);
  const { admin, clock } = emulator;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/__admin/')) return handleAdmin(admin, req, res, body);
    const raw: RawRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const answer = await emulator.dispatch(raw);
    if ('drop' in answer) return void req.socket.destroy();
    write(res, answer.response, clock);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) write(res, { status: 500, headers: {}, body: String(e) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    get state() {
      return emulator.state;
    },
    admin,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        emulator.persist();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
