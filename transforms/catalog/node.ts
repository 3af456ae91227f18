// The Node blocking-API catalog: one row per synchronous core API, as data.
// The generic rewrite in transforms/typescript/blocking applies a row; the
// few shapes that need judgement (child_process options, sleeps) have code
// there, named by `shape`.
import type { RuleDocs, Safety, Targets } from '../core/types.js';

/** How the async form is written and what it resolves to. */
export type NodeRewriteShape =
  /** `await <replacement>(<args>)`: same arguments, resolves the value the sync form returned. */
  | 'awaited-call'
  /** `await promisify(<replacement>)(<args>)`: a callback API whose callback receives the sync form's return value. */
  | 'promisified-call'
  /** `await <replacement>(<args>).then(() => true, () => false)`: a boolean from a promise that rejects when the answer is no. */
  | 'settled-boolean'
  /** `(await promisify(<replacement>)(<args>)).stdout`, options adjusted so the value keeps its type. */
  | 'promisified-stdout'
  /** A sleep: `await setTimeout(ms)` from the replacement module. */
  | 'sleep'
  /** No rewrite: `note` says what to do. */
  | 'manual';

/**
 * Argument checks that make a row a manual finding for one call:
 * - fd-argument: the first argument is a file descriptor (a number, `x.fd`, or a
 *   variable set from `openSync`): `fs/promises` wants a `FileHandle` there;
 * - no-throw-option: `{ throwIfNoEntry: false }`, which `fs/promises` does not support;
 * - exec-input: an `input` option (the async forms have no stdin string);
 * - exec-stdio: a `stdio` option other than 'pipe' (the async forms ignore it);
 * - no-arguments: the call passes no argument (bcryptjs' `genSalt()` without
 *   rounds does not return a promise in every 2.x release).
 */
export type NodeManualCondition = 'fd-argument' | 'no-throw-option' | 'exec-input' | 'exec-stdio' | 'no-arguments';

export interface NodeBlockingApi {
  /** Module the sync API is imported from, without `node:`; '<global>' for globals such as `Atomics`. */
  module: string;
  /** Exported name (`readFileSync`), or `Object.member` for a global (`Atomics.wait`). */
  name: string;
  /** The async API the rewrite uses. */
  replacement?: { module: string; name: string; preferredLocal?: string };
  shape: NodeRewriteShape;
  safety: Safety;
  /** Match only calls that pass no callback: `randomBytes(16)` blocks, `randomBytes(16, cb)` does not. */
  onlyWithoutCallback?: boolean;
  manualWhen?: NodeManualCondition[];
  /**
   * TypeScript files only, for an overloaded callback API without a custom
   * promisify: `promisify(fn)` then types only the shortest overload and
   * resolves `unknown`. Each entry is a call arity that can be typed, by
   * explicit type arguments (`promisify<number, number>(randomInt)`) or by
   * asserting the result (`(await promisify(scrypt)(...)) as Buffer`; `$0` is
   * the first argument when it is a plain name). Other arities are manual work
   * in TypeScript files.
   */
  typeScript?: { args: number; typeArguments?: string; resultType?: string }[];
  /** For 'manual' rows: what to do. For others: what a reviewer should know. */
  note?: string;
}

export interface NodeBlockingRule {
  id: string;
  safety: Safety;
  docs: RuleDocs;
  exampleExt: 'js' | 'ts';
  minTargets?: Partial<Record<keyof Targets, string>>;
  apis: NodeBlockingApi[];
}

// Path-based fs calls whose fs/promises twin takes the same arguments and resolves the same value.
const FS_PATH_BASED = [
  'readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'lstat', 'statfs', 'mkdir', 'mkdtemp', 'rm', 'rmdir',
  'rename', 'copyFile', 'cp', 'access', 'unlink', 'realpath', 'readlink', 'symlink', 'link', 'chmod', 'chown',
  'lchown', 'utimes', 'lutimes', 'truncate', 'opendir',
];

// fd-based calls: numbers in, numbers out; the promise API works on FileHandle objects instead.
// Each maps to the FileHandle method that does the same.
const FS_FD_BASED: Record<string, string> = {
  open: 'open',
  close: 'close',
  read: 'read',
  write: 'write',
  readv: 'readv',
  writev: 'writev',
  fstat: 'stat',
  fsync: 'sync',
  fdatasync: 'datasync',
  ftruncate: 'truncate',
  futimes: 'utimes',
  fchmod: 'chmod',
  fchown: 'chown',
};

// fs-extra mirrors fs (its async functions return promises when given no
// callback), and adds its own pairs; rewrites stay within fs-extra.
const FS_EXTRA_OWN = [
  'copy', 'move', 'remove', 'emptyDir', 'emptydir', 'ensureFile', 'ensureDir', 'mkdirp', 'mkdirs', 'outputFile', 'outputJson',
  'outputJSON', 'readJson', 'readJSON', 'writeJson', 'writeJSON', 'ensureLink', 'ensureSymlink', 'createFile', 'pathExists',
];

const fsPathRow = (module: 'fs' | 'fs-extra', name: string): NodeBlockingApi => ({
  module,
  name: `${name}Sync`,
  replacement: { module: module === 'fs' ? 'fs/promises' : 'fs-extra', name },
  shape: 'awaited-call',
  safety: 'safe',
  manualWhen: name === 'stat' || name === 'lstat' ? ['no-throw-option'] : name === 'readFile' || name === 'writeFile' || name === 'appendFile' ? ['fd-argument'] : undefined,
});

const fsFdRow = (module: 'fs' | 'fs-extra', name: string): NodeBlockingApi => ({
  module,
  name: `${name}Sync`,
  shape: 'manual',
  safety: 'manual',
  note:
    name === 'open'
      ? '`openSync` returns a numeric file descriptor, the promise API a FileHandle: use `const handle = await open(path, flags)` from fs/promises, its methods (`handle.read()`, `handle.write()`, `handle.stat()`) in place of the fd calls, and `await handle.close()` in a finally block'
      : name === 'close'
        ? '`closeSync` closes a numeric file descriptor; with the promise API the file is a FileHandle from `await open(path, flags)` (fs/promises), closed by `await handle.close()` in a finally block'
        : `\`${name}Sync\` works on a numeric file descriptor, the promise API on a FileHandle: open the file with \`const handle = await open(path, flags)\` from fs/promises, call \`await handle.${FS_FD_BASED[name]}(...)\`, and \`await handle.close()\` in a finally block`,
});

const ZLIB = ['gzip', 'gunzip', 'deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'unzip', 'brotliCompress', 'brotliDecompress'];

// Each callback form calls back with exactly the value its sync form returns
// (generateKeyPair has a custom promisify that resolves { publicKey, privateKey }).
const CRYPTO_SYNC = ['pbkdf2', 'scrypt', 'hkdf', 'generateKeyPair', 'generateKey', 'generatePrime', 'checkPrime', 'randomFill'];

// The overloaded ones (no custom promisify in @types/node), typed per arity for TypeScript files.
const CRYPTO_TS: Record<string, NodeBlockingApi['typeScript']> = {
  scrypt: [{ args: 3, resultType: 'Buffer' }],
  generatePrime: [{ args: 1, resultType: 'ArrayBuffer' }],
  checkPrime: [{ args: 1, resultType: 'boolean' }],
  randomFill: [{ args: 1, resultType: 'typeof $0' }],
  randomInt: [
    { args: 1, typeArguments: 'number, number' },
    { args: 2, typeArguments: 'number, number, number' },
  ],
};

export const NODE_BLOCKING_RULES: NodeBlockingRule[] = [
  {
    id: 'fs-sync-call',
    safety: 'safe',
    exampleExt: 'js',
    minTargets: { node: '14.0' },
    docs: {
      summary: 'Replaces a path-based `fs.*Sync` call with the same function from `fs/promises`, awaited.',
      whatItDoes:
        'Finds calls of `readFileSync`, `writeFileSync`, `readdirSync`, `statSync`, `mkdirSync` and the other path-based synchronous `fs` functions, however `fs` was imported (`require`, default, namespace or named imports, with or without `node:`), and rewrites each to `await <name>(...)` with `<name>` imported from `fs/promises`. Every argument is kept as written. Code that uses `fs-extra` keeps it: `readJsonSync`, `outputFileSync`, `copySync`, `removeSync` and the other `*Sync` functions become their promise-returning twins from `fs-extra`. File-descriptor calls (`openSync`, `readSync`, `writeSync`, `fstatSync`, `closeSync`, ...) and a `readFileSync(fd)` are reported for manual work: the promise API works on `FileHandle` objects, not numbers. The target Node version (`engines.node`, or `--node`) is honoured: on Node 10 to 13 the calls go through `require(\'fs\').promises` (`await fs.promises.readFile(...)`), and below Node 10 (or 7.6, without async functions) they are reported for manual work with the reason.',
      why: 'A synchronous file-system call stops the event loop until the disk answers, so every other request the process is serving waits too. The `fs/promises` functions run on the libuv thread pool and let the loop keep serving.',
      example: {
        before: "// fixture-options: express=5\nconst express = require('express');\nconst fs = require('fs');\n\nconst app = express();\n\napp.get('/config', (req, res) => {\n  const data = fs.readFileSync('config.json', 'utf8');\n  res.json(JSON.parse(data));\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nconst app = express();\n\napp.get('/config', async (req, res) => {\n  const data = await readFile('config.json', 'utf8');\n  res.json(JSON.parse(data));\n});\n",
      },
      safety:
        'Safe: each `fs/promises` function takes the same arguments and resolves the value the sync function returned, and rejects where it threw. The one thing that changes is timing: other requests can run at the new `await`, so a check-then-act on shared state is no longer atomic. `statSync(p, { throwIfNoEntry: false })` is reported for manual work, because `stat` from `fs/promises` always rejects on a missing file.',
    },
    apis: [
      ...FS_PATH_BASED.map((name) => fsPathRow('fs', name)),
      ...Object.keys(FS_FD_BASED).map((name) => fsFdRow('fs', name)),
      ...[...FS_PATH_BASED, ...FS_EXTRA_OWN].map((name) => fsPathRow('fs-extra', name)),
      ...Object.keys(FS_FD_BASED).map((name) => fsFdRow('fs-extra', name)),
    ],
  },
  {
    id: 'fs-exists-sync',
    safety: 'safe',
    exampleExt: 'js',
    minTargets: { node: '14.0' },
    docs: {
      summary: 'Replaces `fs.existsSync(p)` with an awaited `access(p)` that resolves true or false.',
      whatItDoes:
        'Rewrites `existsSync(p)` to `await access(p).then(() => true, () => false)`, with `access` imported from `fs/promises`. The expression still produces a boolean, so conditions such as `if (!existsSync(p))` keep their meaning. `existsSync` from `fs-extra` becomes `await pathExists(p)` from `fs-extra`, which resolves the same boolean.',
      why: '`existsSync` is a synchronous `stat` that blocks the event loop. `fs.exists` is deprecated and `fs/promises` has no `exists`, so the async form is `access`, which rejects when the path cannot be reached.',
      example: {
        before: "// fixture-options: express=5\nimport express from 'express';\nimport { existsSync } from 'node:fs';\n\nconst app = express();\n\napp.get('/avatar/:id', (req, res) => {\n  const file = `avatars/${req.params.id}.png`;\n  if (!existsSync(file)) return res.sendStatus(404);\n  res.sendFile(file, { root: '.' });\n});\n",
        after: "// fixture-options: express=5\nimport express from 'express';\nimport { access } from 'node:fs/promises';\n\nconst app = express();\n\napp.get('/avatar/:id', async (req, res) => {\n  const file = `avatars/${req.params.id}.png`;\n  if (!(await access(file).then(() => true, () => false))) return res.sendStatus(404);\n  res.sendFile(file, { root: '.' });\n});\n",
      },
      safety:
        'Safe: `existsSync` returns false for any error (missing file, permission denied, bad argument), and the rewrite resolves false for any rejection, so the boolean is the same. A check followed by an open was racy before and stays racy; consider opening the file and handling ENOENT instead.',
    },
    apis: [
      { module: 'fs', name: 'existsSync', replacement: { module: 'fs/promises', name: 'access' }, shape: 'settled-boolean', safety: 'safe' },
      // fs-extra's pathExists resolves the boolean itself (false for any error, like existsSync).
      { module: 'fs-extra', name: 'existsSync', replacement: { module: 'fs-extra', name: 'pathExists' }, shape: 'awaited-call', safety: 'safe' },
    ],
  },
  {
    id: 'child-process-sync',
    safety: 'review',
    exampleExt: 'js',
    minTargets: { node: '14.0' },
    docs: {
      summary: 'Replaces `execSync` / `execFileSync` with the promisified `exec` / `execFile`, keeping the value the code used.',
      whatItDoes:
        "Rewrites `execSync(cmd, opts)` to `(await promisify(exec)(cmd, opts)).stdout` (and `execFileSync` to `execFile` the same way). The sync forms return stdout, a Buffer unless an `encoding` is given; the async forms resolve `{ stdout, stderr }` and decode to a string by default, so when the code uses the result and passes no encoding, `encoding: 'buffer'` is added to keep a Buffer. A call whose result is unused keeps its arguments unchanged. Calls with an `input` option or a `stdio` option, and every `spawnSync`, are reported for manual work.",
      why: 'A synchronous child process blocks the event loop for as long as the command runs; no other request is served meanwhile.',
      example: {
        before: "// fixture-options: express=5\nconst express = require('express');\nconst { execSync } = require('child_process');\n\nconst app = express();\n\napp.get('/version', (req, res) => {\n  const sha = execSync('git rev-parse HEAD').toString().trim();\n  res.send(sha);\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst { exec } = require('child_process');\nconst { promisify } = require('util');\n\nconst app = express();\n\napp.get('/version', async (req, res) => {\n  const sha = (await promisify(exec)('git rev-parse HEAD', { encoding: 'buffer' })).stdout.toString().trim();\n  res.send(sha);\n});\n",
      },
      safety:
        "Review: the value is the same, but failures differ: the rejection's error carries the exit status in `code` (not `status`) along with `stdout` and `stderr`, and the child's stderr is captured instead of being written to the parent's stderr as `execSync` does by default.",
    },
    apis: [
      {
        module: 'child_process',
        name: 'execSync',
        replacement: { module: 'child_process', name: 'exec' },
        shape: 'promisified-stdout',
        safety: 'review',
        manualWhen: ['exec-input', 'exec-stdio'],
        note: "the rejection's error has the exit code in `code` (not `status`), and the child's stderr is captured rather than printed",
      },
      {
        module: 'child_process',
        name: 'execFileSync',
        replacement: { module: 'child_process', name: 'execFile' },
        shape: 'promisified-stdout',
        safety: 'review',
        manualWhen: ['exec-input', 'exec-stdio'],
        note: "the rejection's error has the exit code in `code` (not `status`), and the child's stderr is captured rather than printed",
      },
      {
        module: 'child_process',
        name: 'spawnSync',
        shape: 'manual',
        safety: 'manual',
        note: "spawnSync has no promise twin: start the process with `spawn` from child_process, collect `child.stdout` / `child.stderr` data if the result's output is used, and `const [status, signal] = await once(child, 'close')` (once from events); `error` events reject the `once` promise",
      },
    ],
  },
  {
    id: 'zlib-sync-call',
    safety: 'safe',
    exampleExt: 'js',
    docs: {
      summary: 'Replaces a `zlib.*Sync` call with its promisified callback form, awaited.',
      whatItDoes:
        'Rewrites `gzipSync`, `gunzipSync`, `deflateSync`, `inflateSync`, `deflateRawSync`, `inflateRawSync`, `unzipSync`, `brotliCompressSync` and `brotliDecompressSync` to `await promisify(<name>)(...)`, with the callback function imported from `zlib` and `promisify` from `util`. Every argument is kept as written.',
      why: 'Compression is CPU work on the main thread in its sync form; the callback forms run it on the libuv thread pool so the event loop keeps serving.',
      example: {
        before: "// fixture-options: express=5\nconst express = require('express');\nconst zlib = require('zlib');\n\nconst app = express();\n\napp.get('/export', (req, res) => {\n  const body = zlib.gzipSync(JSON.stringify(req.app.locals.report));\n  res.set('Content-Encoding', 'gzip').send(body);\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst zlib = require('zlib');\nconst { promisify } = require('util');\n\nconst app = express();\n\napp.get('/export', async (req, res) => {\n  const body = await promisify(zlib.gzip)(JSON.stringify(req.app.locals.report));\n  res.set('Content-Encoding', 'gzip').send(body);\n});\n",
      },
      safety: 'Safe: the callback forms take the same input and options and call back with the same Buffer the sync forms return.',
    },
    apis: ZLIB.map(
      (name): NodeBlockingApi => ({ module: 'zlib', name: `${name}Sync`, replacement: { module: 'zlib', name }, shape: 'promisified-call', safety: 'safe' }),
    ),
  },
  {
    id: 'crypto-sync-call',
    safety: 'safe',
    exampleExt: 'js',
    minTargets: { node: '15.0' },
    docs: {
      summary: 'Replaces blocking `crypto` calls (`pbkdf2Sync`, `scryptSync`, `randomBytes(n)`, ...) with their promisified callback forms, awaited.',
      whatItDoes:
        'Rewrites `pbkdf2Sync`, `scryptSync`, `hkdfSync`, `generateKeyPairSync`, `generateKeySync`, `generatePrimeSync`, `checkPrimeSync` and `randomFillSync` to `await promisify(<name>)(...)` with the callback function imported from `crypto`. `randomBytes(n)` and `randomInt(...)` are rewritten only when called without a callback, which is their synchronous form. In TypeScript files, where `promisify` of an overloaded function resolves `unknown`, the result keeps its type through explicit type arguments (`promisify<number, number, number>(randomInt)`) or an assertion (`(await promisify(scrypt)(...)) as Buffer`); an overload that cannot be typed that way (`scryptSync` with options) is reported for manual work.',
      why: 'Key derivation and key generation are deliberately slow; in their sync form they hold the event loop for tens or hundreds of milliseconds per call. The callback forms run on the libuv thread pool.',
      example: {
        before: "// fixture-options: express=5\nimport express from 'express';\nimport { scryptSync, timingSafeEqual } from 'node:crypto';\nimport { users } from './users.js';\n\nconst app = express();\n\napp.post('/login', express.json(), (req, res) => {\n  const user = users.get(req.body.name);\n  const hash = scryptSync(req.body.password, user.salt, 64);\n  res.sendStatus(timingSafeEqual(hash, user.hash) ? 204 : 401);\n});\n",
        after: "// fixture-options: express=5\nimport express from 'express';\nimport { timingSafeEqual, scrypt } from 'node:crypto';\nimport { users } from './users.js';\nimport { promisify } from 'node:util';\n\nconst app = express();\n\napp.post('/login', express.json(), async (req, res) => {\n  const user = users.get(req.body.name);\n  const hash = await promisify(scrypt)(req.body.password, user.salt, 64);\n  res.sendStatus(timingSafeEqual(hash, user.hash) ? 204 : 401);\n});\n",
      },
      safety:
        "Safe: each callback form takes the same arguments and calls back with the value the sync form returns (`generateKeyPair`'s promisified form resolves `{ publicKey, privateKey }`, like `generateKeyPairSync`).",
    },
    apis: [
      ...CRYPTO_SYNC.map(
        (name): NodeBlockingApi => ({
          module: 'crypto',
          name: `${name}Sync`,
          replacement: { module: 'crypto', name },
          shape: 'promisified-call',
          safety: 'safe',
          ...(CRYPTO_TS[name] ? { typeScript: CRYPTO_TS[name] } : {}),
        }),
      ),
      { module: 'crypto', name: 'randomBytes', replacement: { module: 'crypto', name: 'randomBytes' }, shape: 'promisified-call', safety: 'safe', onlyWithoutCallback: true },
      {
        module: 'crypto',
        name: 'randomInt',
        replacement: { module: 'crypto', name: 'randomInt' },
        shape: 'promisified-call',
        safety: 'safe',
        onlyWithoutCallback: true,
        typeScript: CRYPTO_TS.randomInt,
      },
    ],
  },
  {
    id: 'bcrypt-sync-call',
    safety: 'safe',
    exampleExt: 'js',
    docs: {
      summary: 'Replaces `bcrypt` / `bcryptjs` `hashSync`, `compareSync` and `genSaltSync` with the awaited `hash`, `compare` and `genSalt` of the same library.',
      whatItDoes:
        'Finds calls of `hashSync`, `compareSync` and `genSaltSync` from `bcrypt` or `bcryptjs` (required, imported, destructured or renamed) and rewrites each to `await hash(...)`, `await compare(...)` or `await genSalt(...)` of the same library, every argument kept as written. Both libraries return a promise from these functions when no callback is passed (bcrypt from 1.0, bcryptjs from 2.4). A bcryptjs `genSaltSync()` with no argument is reported for manual work: pass the rounds (`await genSalt(10)`), since `genSalt()` without arguments does not return a promise in every bcryptjs 2.x release.',
      why: 'bcrypt is deliberately slow: a `hashSync` or `compareSync` at cost 10 to 12 holds the event loop for 50 to 300 ms, during which no other request is served. The async forms run on the libuv thread pool (bcrypt) or yield between rounds (bcryptjs).',
      example: {
        before: "// fixture-options: express=5\nconst express = require('express');\nconst bcrypt = require('bcrypt');\nconst users = require('./users');\n\nconst app = express();\n\napp.post('/login', express.json(), (req, res) => {\n  const user = users.find(req.body.name);\n  if (!user || !bcrypt.compareSync(req.body.password, user.hash)) return res.sendStatus(401);\n  res.sendStatus(204);\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst bcrypt = require('bcrypt');\nconst users = require('./users');\n\nconst app = express();\n\napp.post('/login', express.json(), async (req, res) => {\n  const user = users.find(req.body.name);\n  if (!user || !(await bcrypt.compare(req.body.password, user.hash))) return res.sendStatus(401);\n  res.sendStatus(204);\n});\n",
      },
      safety:
        'Safe: the promise forms take the same arguments, resolve the value the sync forms return (the hash string, the boolean, the salt) and reject where they threw. They need bcrypt 1.0 or later, or bcryptjs 2.4 or later (older releases require a callback).',
    },
    apis: (['bcrypt', 'bcryptjs'] as const).flatMap((module) =>
      ['hash', 'compare', 'genSalt'].map(
        (name): NodeBlockingApi => ({
          module,
          name: `${name}Sync`,
          replacement: { module, name },
          shape: 'awaited-call',
          safety: 'safe',
          ...(module === 'bcryptjs' && name === 'genSalt' ? { manualWhen: ['no-arguments'] as NodeManualCondition[] } : {}),
        }),
      ),
    ),
  },
  {
    id: 'lowdb-sync-adapter',
    safety: 'review',
    exampleExt: 'js',
    docs: {
      summary: 'Awaits the `.write()` calls of a lowdb 1.x database opened with the `FileSync` adapter, through lowdb\'s own `FileAsync` writer, when every write of that database can be awaited; otherwise reports each one.',
      whatItDoes:
        "Finds `db.get('posts').push(post).write()` chains on a database created in the same file by `low(adapter)`, with `const adapter = new FileSync(file)` at the module's top level (`low` from `lowdb`, `FileSync` from `lowdb/adapters/FileSync`). When every write of that database is in a function that becomes async, it adds `const adapterWriter = new FileAsync(file); adapter.write = (state) => adapterWriter.write(state)` after the adapter (after the last start-up write, when module top level writes) and awaits each `.write()`: `low(adapter)` still reads the file synchronously at start-up, in-memory reads stay synchronous, and each write returns a promise of what it returned before. All or nothing per database: when one write must stay sync (an event listener, a sync pipeline such as lodash `flow`), when the database is handed over, exported to code that writes through it, or re-read with `db.read()`, or when the adapter is created inside `low(...)`, every write is reported instead, naming the reason.",
      why: 'The FileSync adapter serialises the whole database and writes it with `writeFileSync` on every `.write()`: the event loop stops for the duration on every request that writes.',
      example: {
        before: "// fixture-options: express=5\nconst express = require(\'express\');\nconst low = require(\'lowdb\');\nconst FileSync = require(\'lowdb/adapters/FileSync\');\n\nconst adapter = new FileSync(\'db.json\');\nconst db = low(adapter);\nconst app = express();\n\napp.post(\'/posts\', express.json(), (req, res) => {\n  db.get(\'posts\').push(req.body).write();\n  res.sendStatus(201);\n});\n\nmodule.exports = app;\n",
        after: "// fixture-options: express=5\nconst express = require(\'express\');\nconst low = require(\'lowdb\');\nconst FileSync = require(\'lowdb/adapters/FileSync\');\nconst FileAsync = require(\'lowdb/adapters/FileAsync\');\n\nconst adapter = new FileSync(\'db.json\');\n// From here on lowdb writes through FileAsync\'s writer (one write at a time, the latest state last); start-up code above keeps FileSync.\nconst adapterWriter = new FileAsync(\'db.json\');\nadapter.write = (state) => adapterWriter.write(state);\nconst db = low(adapter);\nconst app = express();\n\napp.post(\'/posts\', express.json(), async (req, res) => {\n  await db.get(\'posts\').push(req.body).write();\n  res.sendStatus(201);\n});\n\nmodule.exports = app;\n",
      },
      safety:
        'Review: lowdb\'s FileAsync writer (steno) writes one state at a time and always the latest last, so the file ends as it did; but other requests now run while the file is written, and can read data that is not on disk yet (and answer before a failing write is reported). Manual when any write of the database cannot be awaited: a queued async write beside a synchronous one could land after it and store an older state.',
    },
    apis: [
      {
        module: 'lowdb/adapters/FileSync',
        name: 'write',
        shape: 'manual',
        safety: 'manual',
        note: "the lowdb FileSync adapter writes the whole file synchronously: use `FileAsync` from lowdb/adapters/FileAsync, create the database with `const db = await low(new FileAsync(file))` (low() then returns a promise), and `await` every `.write()`",
      },
      {
        module: 'lowdb/adapters/FileSync',
        name: 'read',
        shape: 'manual',
        safety: 'manual',
        note: "the lowdb FileSync adapter reads the whole file synchronously: use `FileAsync` from lowdb/adapters/FileAsync, create the database with `const db = await low(new FileAsync(file))` (low() then returns a promise), and `await db.read()`",
      },
    ],
  },
  {
    id: 'sleep-busy-wait',
    safety: 'safe',
    exampleExt: 'js',
    minTargets: { node: '16.0' },
    docs: {
      summary: 'Replaces a blocking sleep (`Atomics.wait` on a private buffer, or an empty loop polling `Date.now()`) with `await setTimeout(ms)` from `timers/promises`.',
      whatItDoes:
        'Rewrites the statement `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)` (a wait nobody can wake, used as a sleep) and empty-bodied loops such as `const end = Date.now() + ms; while (Date.now() < end) {}` to `await setTimeout(ms)`, with `setTimeout` imported from `timers/promises` (under another name, such as `sleep`, when the file also uses the global `setTimeout`).',
      why: 'A blocking sleep freezes the whole process: no request, timer or I/O callback runs until it ends. A busy-wait also burns a CPU core for the whole delay.',
      example: {
        before: "// fixture-options: express=5\nconst express = require('express');\n\nconst app = express();\n\nfunction sleep(ms) {\n  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);\n}\n\napp.post('/jobs', (req, res) => {\n  sleep(250);\n  res.status(202).end();\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst { setTimeout } = require('timers/promises');\n\nconst app = express();\n\nasync function sleep(ms) {\n  await setTimeout(ms);\n}\n\napp.post('/jobs', async (req, res) => {\n  await sleep(250);\n  res.status(202).end();\n});\n",
      },
      safety:
        'Safe: the code after the sleep still runs after the delay. Only a wait on a buffer the code created itself and never shares is treated as a sleep, and only loops with an empty body that poll the clock.',
    },
    apis: [
      { module: '<global>', name: 'Atomics.wait', replacement: { module: 'timers/promises', name: 'setTimeout', preferredLocal: 'sleep' }, shape: 'sleep', safety: 'safe' },
      { module: '<global>', name: 'Date.now', replacement: { module: 'timers/promises', name: 'setTimeout', preferredLocal: 'sleep' }, shape: 'sleep', safety: 'safe' },
      { module: '<global>', name: 'performance.now', replacement: { module: 'timers/promises', name: 'setTimeout', preferredLocal: 'sleep' }, shape: 'sleep', safety: 'safe' },
    ],
  },
];

/** Rows by module (without `node:`) and exported name. */
export function nodeApisByModule(): Map<string, Map<string, { rule: NodeBlockingRule; api: NodeBlockingApi }>> {
  const out = new Map<string, Map<string, { rule: NodeBlockingRule; api: NodeBlockingApi }>>();
  for (const rule of NODE_BLOCKING_RULES) {
    for (const api of rule.apis) {
      let byName = out.get(api.module);
      if (!byName) out.set(api.module, (byName = new Map()));
      byName.set(api.name, { rule, api });
    }
  }
  return out;
}

/**
 * The Node versions (major.minor) that introduced what the rewrites write,
 * from the "added" history of each API in Node's docs: async functions
 * (7.6), `util.promisify` (8.0), `require('fs').promises` (10.0, stable from
 * 11.14), the `fs/promises` module (14.0), `timers/promises` (15.0,
 * experimental until 16.0). Below a module's version, a rewrite that needs it
 * uses an older form the catalog can express (`require('fs').promises` for
 * `fs/promises`) or becomes a manual finding that says why. The `node:`
 * prefix is only written where the file already uses it, so the project's
 * Node supports it.
 */
export const NODE_SINCE = {
  asyncFunctions: '7.6',
  fsPromisesProperty: '10.0',
} as const;

/** Modules and named imports a rewrite may add, with the Node version that has them. */
export const NODE_IMPORT_SINCE: { module: string; name?: string; since: string; what: string }[] = [
  { module: 'fs/promises', since: '14.0', what: "the `fs/promises` module (`require('fs').promises` exists from Node 10)" },
  { module: 'timers/promises', since: '16.0', what: '`timers/promises` (experimental in Node 15)' },
  { module: 'util', name: 'promisify', since: '8.0', what: '`util.promisify`' },
];

/** Whether target `version` ('14', '14.18', '0.10') is at least `since`; an unknown target is. */
export function nodeAtLeast(version: string | undefined, since: string): boolean {
  if (version === undefined) return true;
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [c = 0, d = 0] = since.split('.').map(Number);
  return a !== c ? a > c : b >= d;
}
