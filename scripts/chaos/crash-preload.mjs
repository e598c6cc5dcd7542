// A runner that dies mid-step, for the chaos suite: preloaded into one action process with
// NODE_OPTIONS=--import=<this file>, CHAOS_CRASH_AT=<k> and CHAOS_CRASH_WHEN=before|after.
// It counts the HTTP requests the process sends to AWS_ENDPOINT_URL and SIGKILLs the process
//   before: as the k-th request is created, so AWS never sees it (a crash between two calls);
//   after:  when the k-th response arrives, so AWS did the work but the action never learns it
//           (the window where idempotency matters: a created version, a started build, a write).
// SIGKILL, like a runner losing its machine: no exit handlers, no flushed output. With
// CHAOS_COUNT_FILE set, it only appends the count of requests at exit (counting mode).
// The actions contain no test-only code: only the environment of the process changes.
import diagnostics from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';

const endpoint = process.env.AWS_ENDPOINT_URL ? new URL(process.env.AWS_ENDPOINT_URL) : undefined;
const at = Number(process.env.CHAOS_CRASH_AT ?? 0);
const when = process.env.CHAOS_CRASH_WHEN ?? 'after';
const countFile = process.env.CHAOS_COUNT_FILE;

if (endpoint && (at > 0 || countFile)) {
  let requests = 0;
  let responses = 0;
  const ours = (request) => {
    const host = request.host ?? request.getHeader?.('host') ?? '';
    return String(host).split(':')[0] === endpoint.hostname;
  };
  diagnostics.subscribe('http.client.request.start', ({ request }) => {
    if (!ours(request)) return;
    requests++;
    if (when === 'before' && requests === at) process.kill(process.pid, 'SIGKILL');
  });
  diagnostics.subscribe('http.client.response.finish', ({ request }) => {
    if (!ours(request)) return;
    responses++;
    if (when === 'after' && responses === at) process.kill(process.pid, 'SIGKILL');
  });
  if (countFile) process.on('exit', () => appendFileSync(countFile, `${requests}\n`));
}
