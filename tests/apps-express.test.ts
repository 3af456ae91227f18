// End to end on two real Express applications: each is copied, installed, tested,
// migrated by the built CLI (dry run, then --write), and tested again. The apps'
// own suites are the oracle for behaviour; this file checks what the suites
// cannot see: the diff applies, nothing blocking is left on a handler path, the
// manual boundaries are reported where they are, and a second run is a no-op.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'dist', 'cli', 'awaitify.js');
const STEP_TIMEOUT_MS = 300_000;
// AWAITIFY_KEEP_APPS=1 keeps the migrated copies (and their diffs) for inspection.
const keep = process.env.AWAITIFY_KEEP_APPS === '1';

interface Site {
  /** Path relative to the app root. */
  path: string;
  /** The whole trimmed text of the line, so a moved or rewritten line is noticed. */
  line: string;
}

/** A call that cannot become async, with where it is and what it keeps blocking. */
interface ManualBoundary {
  what: string;
  /** The call in the constructor, getter or comparator: where the report must point. */
  site: Site;
  /** The blocking calls that stay, inside the function that stays sync. */
  blocking: Site[];
}

interface AppCase {
  name: string;
  /** Source folders scanned for blocking calls after the migration. */
  sourceDirs: string[];
  /** Lines that count as blocking calls when they are still there afterwards. */
  blockingPatterns: RegExp[];
  manual: ManualBoundary[];
  /** Checks run beside the suite, before and after the migration: the type checker. */
  extraChecks: string[][];
  /** Options every `awaitify migrate` run of this app gets. */
  migrateArgs: string[];
}

// The sync core APIs these apps call (a user function named `sleepSync` is not
// one), the aliases the apps give them, the sync form of randomBytes (a number
// and no callback) and the two ways to sleep synchronously.
const BLOCKING_PATTERNS = [
  /\b(?:readFile|writeFile|appendFile|readdir|stat|lstat|mkdir|rmdir|rm|exists|access|unlink|rename|copyFile|exec|execFile|spawn|gzip|gunzip|deflate|inflate|pbkdf2|scrypt|hkdf|randomFill)Sync\s*\(/,
  /\brf\(/,
  /\brandomBytes\(\s*\d+\s*\)/,
  /\bAtomics\.wait\(/,
  /while \(Date\.now\(\) </,
];

const apps: AppCase[] = [
  {
    name: 'express-shop',
    sourceDirs: ['src'],
    blockingPatterns: BLOCKING_PATTERNS,
    manual: [
      {
        what: 'getter',
        site: { path: 'src/settings.js', line: "return readSettingsFile(path.join(dataDir(), 'settings.json')).currency || 'EUR';" },
        blocking: [
          { path: 'src/settings.js', line: 'if (!fs.existsSync(file)) return {};' },
          { path: 'src/settings.js', line: "return JSON.parse(fs.readFileSync(file, 'utf8'));" },
        ],
      },
      {
        what: 'constructor',
        site: { path: 'src/auth/users.js', line: 'this.token = newSessionToken();' },
        blocking: [{ path: 'src/auth/tokens.js', line: "return randomBytes(24).toString('hex');" }],
      },
      {
        what: 'sort comparator',
        site: { path: 'src/catalog/catalog.js', line: 'return products.slice().sort((a, b) => popularity(b.id) - popularity(a.id) || a.id - b.id);' },
        blocking: [
          { path: 'src/catalog/catalog.js', line: 'if (!existsSync(file)) return 0;' },
          { path: 'src/catalog/catalog.js', line: "const sales = JSON.parse(rf(file, 'utf8'));" },
        ],
      },
    ],
    extraChecks: [],
    migrateArgs: [],
  },
  {
    name: 'express5-ts',
    sourceDirs: ['src'],
    blockingPatterns: BLOCKING_PATTERNS,
    manual: [],
    extraChecks: [['npm', 'run', 'typecheck']],
    // A CPU-bound function, run on a worker thread: the generated TypeScript helper must compile and work here too.
    migrateArgs: ['--offload', 'src/text-stats.ts:topWords'],
  },
];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, timeout = STEP_TIMEOUT_MS): Run {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  if (result.error) throw new Error(`${command} ${args.join(' ')} in ${cwd}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function describeRun(what: string, r: Run): string {
  return `${what} exited ${r.status}\n--- stdout (tail) ---\n${r.stdout.slice(-6000)}\n--- stderr (tail) ---\n${r.stderr.slice(-6000)}`;
}

function expectOk(what: string, r: Run): void {
  if (r.status !== 0) expect.fail(describeRun(what, r));
}

function awaitify(args: string[], cwd: string): Run {
  return run(process.execPath, [cli, ...args], cwd);
}

function git(args: string[], cwd: string): Run {
  return run('git', ['-c', 'user.name=awaitify tests', '-c', 'user.email=tests@awaitify.invalid', '-c', 'commit.gpgsign=false', ...args], cwd);
}

/** Copies an app without what npm and tsc produce. */
function copyApp(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(from, src).split(path.sep);
      return !rel.includes('node_modules') && rel[0] !== 'dist' && rel[0] !== 'data';
    },
  });
}

function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(c|m)?[jt]s$/.test(entry.name)) out.push(full);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out.sort();
}

/** 1-based line of the only line whose trimmed text is `line`. */
function lineOf(root: string, site: Site): number {
  const lines = fs.readFileSync(path.join(root, site.path), 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => (l.trim() === site.line ? [i + 1] : []));
  if (hits.length !== 1) expect.fail(`${site.path}: expected exactly one line "${site.line}", found ${hits.length}`);
  return hits[0];
}

interface JsonFinding {
  rule: string;
  path: string;
  line: number;
  safety: 'safe' | 'review' | 'manual';
  message: string;
  applied: boolean;
}

interface JsonReport {
  files: { path: string; status: string; reason: string | null }[];
  findings: JsonFinding[];
  plan: { boundaries: { path: string; line: number; function: string; callee: string; kind: string; reason: string }[] };
}

function jsonReport(cwd: string, args: string[]): JsonReport {
  const r = awaitify(['migrate', '.', ...args, '--format', 'json', '--no-progress'], cwd);
  if (r.status !== 0) expect.fail(describeRun('awaitify migrate . --format json', r));
  return JSON.parse(r.stdout) as JsonReport;
}

/** Rule ids whose findings mean "a blocking call is here": the catalog rows and the unmigrated-call rule. */
function blockingRuleIds(cwd: string): Set<string> {
  const r = awaitify(['rules', '--json'], cwd);
  expectOk('awaitify rules --json', r);
  const rules = JSON.parse(r.stdout) as { id: string; language: string; structural: boolean }[];
  const ids = new Set(rules.filter((x) => x.language === 'typescript' && (!x.structural || x.id === 'blocking-call-unmigrated')).map((x) => x.id));
  expect(ids.size, 'the TypeScript adapter has blocking-call rules').toBeGreaterThan(0);
  return ids;
}

function formatFinding(f: JsonFinding): string {
  return `${f.path}:${f.line} ${f.rule} [${f.safety}${f.applied ? ', applied' : ''}] ${f.message}`;
}

let workRoot: string;

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: build with 'npx tsc -p .' (the vitest globalSetup does)`);
  workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'awaitify-apps-'));
});

afterAll(() => {
  if (!workRoot) return;
  if (keep) console.log(`awaitify app copies kept in ${workRoot}`);
  else fs.rmSync(workRoot, { recursive: true, force: true });
});

describe.each(apps)('$name', (app) => {
  let dir: string;
  let diffFile: string;
  /** The report of the dry run on the original code. */
  let before: JsonReport | undefined;

  beforeAll(() => {
    dir = path.join(workRoot, app.name);
    diffFile = path.join(workRoot, `${app.name}.migration.diff`);
    copyApp(path.join(repo, 'test-fixtures', 'apps', app.name), dir);
    expectOk('npm ci', run('npm', ['ci', '--no-audit', '--no-fund'], dir));
    expectOk('git init', git(['init', '-q'], dir));
    expectOk('git add', git(['add', '-A'], dir));
    expectOk('git commit', git(['commit', '-q', '-m', 'before awaitify'], dir));
  }, STEP_TIMEOUT_MS * 2);

  it(
    "passes its own suite before the migration",
    () => {
      expectOk('npm test (before)', run('npm', ['test'], dir));
      for (const check of app.extraChecks) expectOk(`${check.join(' ')} (before)`, run(check[0], check.slice(1), dir));
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'prints a dry-run diff that git apply accepts, and changes nothing on disk',
    () => {
      const r = awaitify(['migrate', '.', ...app.migrateArgs, '--no-progress'], dir);
      fs.writeFileSync(diffFile, r.stdout);
      expectOk('awaitify migrate . (dry run)', r);
      expect(r.stdout, 'the dry run proposes changes').toMatch(/^diff --git a\//m);
      expect(git(['status', '--porcelain'], dir).stdout, 'a dry run writes nothing').toBe('');
      const check = git(['apply', '--check', diffFile], dir);
      if (check.status !== 0) expect.fail(describeRun(`git apply --check ${diffFile}`, check));
      before = jsonReport(dir, app.migrateArgs);
      const failed = before.files.filter((f) => f.status === 'failed');
      expect(failed, 'files awaitify could not migrate').toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'reports each manual boundary at its file and line',
    () => {
      const report = before ?? jsonReport(dir, app.migrateArgs);
      const problems: string[] = [];
      for (const boundary of app.manual) {
        const line = lineOf(dir, boundary.site);
        const at = `${boundary.site.path}:${line}`;
        const manual = report.findings.filter((f) => f.path === boundary.site.path && f.line === line && f.safety === 'manual');
        if (!manual.length) problems.push(`${boundary.what}: no manual finding at ${at} (${boundary.site.line})`);
        if (manual.some((f) => f.applied)) problems.push(`${boundary.what}: the manual finding at ${at} was applied`);
        if (!report.plan.boundaries.some((b) => b.path === boundary.site.path && b.line === line)) {
          problems.push(`${boundary.what}: the plan has no boundary at ${at}`);
        }
      }
      const near = report.findings.filter((f) => f.safety === 'manual').map(formatFinding);
      expect(problems, `manual findings in the report:\n${near.join('\n')}`).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'writes the same change, after which the suite passes again',
    () => {
      const r = awaitify(['migrate', '.', ...app.migrateArgs, '--write', '--no-progress', '--quiet'], dir);
      expectOk('awaitify migrate . --write', r);
      const changed = git(['status', '--porcelain'], dir).stdout;
      expect(changed, '--write changed files').not.toBe('');
      // What was written is exactly what the dry run showed: its reverse applies cleanly.
      if (fs.existsSync(diffFile) && fs.statSync(diffFile).size > 0) {
        const reverse = git(['apply', '-R', '--check', diffFile], dir);
        if (reverse.status !== 0) expect.fail(describeRun('git apply -R --check <dry-run diff> after --write', reverse));
        const inDiff = [...fs.readFileSync(diffFile, 'utf8').matchAll(/^diff --git a\/(\S+) b\//gm)].map((m) => m[1]).sort();
        // Modified files, and the files the run created (a worker helper).
        const written = [...git(['diff', '--name-only'], dir).stdout.split('\n'), ...git(['ls-files', '--others', '--exclude-standard'], dir).stdout.split('\n')].filter(Boolean).sort();
        expect(written, 'files --write changed, against the files in the dry-run diff').toEqual(inDiff);
      }
      if (app.migrateArgs.includes('--offload')) expect(fs.existsSync(path.join(dir, 'src', 'offload-worker.ts')), 'the worker helper was created').toBe(true);
      const diff = git(['diff'], dir).stdout;
      fs.writeFileSync(path.join(workRoot, `${app.name}.written.diff`), diff);
      const suite = run('npm', ['test'], dir);
      if (suite.status !== 0) expect.fail(`${describeRun('npm test (after the migration)', suite)}\n--- the migration ---\n${diff.slice(0, 20000)}`);
      for (const check of app.extraChecks) {
        const c = run(check[0], check.slice(1), dir);
        if (c.status !== 0) expect.fail(`${describeRun(`${check.join(' ')} (after the migration)`, c)}\n--- the migration ---\n${diff.slice(0, 20000)}`);
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'leaves no blocking call on a handler path, except at the manual boundaries',
    () => {
      expect(git(['status', '--porcelain'], dir).stdout, 'the previous step migrated the copy').not.toBe('');
      const allowed = new Set(app.manual.flatMap((m) => m.blocking.map((s) => `${s.path}: ${s.line}`)));

      // By text: the lines that still look blocking are exactly the expected sites.
      const found: string[] = [];
      const unexpected: string[] = [];
      for (const file of sourceFiles(dir, app.sourceDirs)) {
        const rel = path.relative(dir, file).split(path.sep).join('/');
        fs.readFileSync(file, 'utf8')
          .split('\n')
          .forEach((text, i) => {
            if (!app.blockingPatterns.some((p) => p.test(text))) return;
            const key = `${rel}: ${text.trim()}`;
            found.push(key);
            if (!allowed.has(key)) unexpected.push(`${rel}:${i + 1}: ${text.trim()}`);
          });
      }
      expect(unexpected, 'blocking calls left outside the manual boundaries').toEqual([]);
      expect(found.sort(), 'the blocking calls behind the manual boundaries stay as they were').toEqual([...allowed].sort());

      // By the tool's own analysis: blocking findings only at the manual sites, none applicable.
      const ids = blockingRuleIds(dir);
      const report = jsonReport(dir, app.migrateArgs);
      const sites = new Set<string>();
      for (const m of app.manual) {
        for (const s of [m.site, ...m.blocking]) sites.add(`${s.path}:${lineOf(dir, s)}`);
      }
      const stray = report.findings.filter((f) => ids.has(f.rule) && (!sites.has(`${f.path}:${f.line}`) || f.safety !== 'manual'));
      expect(stray.map(formatFinding), 'blocking-call findings on the migrated code').toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'changes nothing on a second run',
    () => {
      expect(git(['status', '--porcelain'], dir).stdout, 'the previous steps migrated the copy').not.toBe('');
      const r = awaitify(['migrate', '.', ...app.migrateArgs, '--check', '--no-progress'], dir);
      if (r.status !== 0) expect.fail(describeRun('awaitify migrate . --check on the migrated code', r));
      expect(r.stdout, 'the second run proposes no diff').toBe('');
      const report = jsonReport(dir, app.migrateArgs);
      expect(report.findings.filter((f) => f.applied).map(formatFinding), 'findings applied by a second run').toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );
});
