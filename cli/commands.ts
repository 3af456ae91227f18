// What each command does once its arguments are parsed: call the library,
// print a report, choose the exit code. No analysis happens here.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  allRules,
  DirtyTreeError,
  acquireProjectLock,
  InterruptedError,
  LockedError,
  migrate,
  prepare,
  UsageError,
  VerifyError,
  verifyMigration,
  type MigrateResult,
  type RuleMeta,
  type Targets,
} from '../transforms/index.js';
import {
  encodeDiff,
  formatAnnotations,
  formatDiff,
  formatJson,
  formatMarkdown,
  formatSarif,
  formatSummary,
  guardReview,
  migrationReview,
  ruleDocUrl,
  baselineOf,
  painter,
  parseBaseline,
  ruleDocMarkdown,
  site,
  sortFindings,
  withoutBaseline,
  type Baseline,
} from '../transforms/core/report/index.js';
import { findProjectRoot, gitPrefix } from '../transforms/core/scope.js';
import type { ShardSpec } from '../transforms/core/shard.js';
import { mergeBase, pullRequestDiff, type PullRequestDiff } from '../transforms/core/git-diff.js';
import { realpathOrSelf } from '../transforms/core/discover.js';
import { ConfigError, loadProjectConfig, type ProjectConfig } from './config.js';
import { CHECK_FORMATS, EXIT, MIGRATE_FORMATS } from './exit-codes.js';
import { createProgress } from './progress.js';
import { formatRecovery } from './recover.js';

export { CHECK_FORMATS, EXIT, MIGRATE_FORMATS } from './exit-codes.js';

/** Options shared by `migrate` and `check`, as parsed from the command line. */
export interface AnalysisArgs {
  paths: string[];
  /** `--root`: the project root to analyse, relative to cwd. */
  root?: string;
  /** Undefined: from the configuration, else 'review'. */
  safety?: 'safe' | 'review';
  rules?: string[];
  skip?: string[];
  django?: string;
  python?: string;
  node?: string;
  express?: string;
  /** Undefined: from the configuration, else 'handlers'. */
  entry?: string;
  /** Added to the configuration's `exclude`. */
  exclude?: string[];
  /** `--config FILE`; `--no-config` sets noConfig. */
  config?: string;
  noConfig?: boolean;
  /** With the path `-`: the file stdin holds. */
  stdinFilename?: string;
  api?: 'replace' | 'twin';
  framework?: string;
  toplevel?: 'keep' | 'await' | 'iife';
  offload?: string[];
  /** `--max-file-size`, in bytes. */
  maxFileSize?: number;
  /** `--shard K/N`. */
  shard?: ShardSpec;
  /** `--cache`/`--no-cache`; undefined: from the configuration, else on. */
  cache?: boolean;
  /** `--cache-dir`, relative to the current directory. */
  cacheDir?: string;
  quiet: boolean;
  progress: boolean;
  color?: boolean;
  stats: boolean;
}

export interface MigrateArgs extends AnalysisArgs {
  write: boolean;
  check: boolean;
  allowDirty: boolean;
  /** `--verify [command]`: '' means the command from the project's configuration. */
  verify?: string;
  /** `--base REF` (with --format github-review): review the changes of REF...HEAD. */
  base?: string;
  verifyBudget?: number;
  format: (typeof MIGRATE_FORMATS)[number];
}

export interface CheckArgs extends AnalysisArgs {
  format: (typeof CHECK_FORMATS)[number];
  baseline?: string;
  updateBaseline?: boolean;
  /** `--base REF`: only findings on lines changed since the merge base of REF and HEAD. */
  base?: string;
}

export interface Io {
  /** Read when the path is `-`. */
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  version: string;
  /** Where rule help links point in SARIF (package.json `homepage`), when known. */
  homepage?: string;
}

export async function migrateCommand(args: MigrateArgs, io: Io): Promise<number> {
  if (args.format === 'github-review' || args.base !== undefined) {
    if (args.format !== 'github-review' || args.base === undefined) return usageError(io, 'migrate: --format github-review and --base go together (the review explains the changes of base...HEAD)');
    if (args.write || args.verify !== undefined || args.paths.includes('-') || args.shard) return usageError(io, 'migrate --format github-review reviews committed changes: --write, --verify, --shard and - cannot be used with it');
    return migrationReviewCommand(args, args.base, io);
  }
  const run = await analyse(args, io, args.write, args.allowDirty, args.verify !== undefined ? { command: args.verify, budget: args.verifyBudget } : undefined);
  if (typeof run === 'number') return run;
  const { result, stdin } = run;
  const written = args.write;

  switch (args.format) {
    case 'diff': {
      // Written changes are in the files (and in `git diff`); the diff is the dry run's output.
      if (written) break;
      // From stdin, the result is the migrated file itself, for editors and formatters' pipes.
      if (stdin) {
        const file = result.files.find((f) => f.status === 'changed' || f.status === 'unchanged');
        io.stdout.write(file?.output ?? stdin.text);
        break;
      }
      // Result paths are relative to the project root, which may be above the current directory.
      const options = { prefix: gitPrefix(result.root) };
      if (useColor(args.color, io.stdout, io.env)) io.stdout.write(colorDiff(formatDiff(result.files, options)));
      else io.stdout.write(encodeDiff(result.files, options));
      break;
    }
    default:
      writeReport(args.format, result, io, written);
  }
  report(result, args, io, written);

  if (result.files.some((f) => f.status === 'failed')) return EXIT.failed;
  if (args.check && result.files.some((f) => f.status === 'changed')) return EXIT.pending;
  return EXIT.ok;
}

export async function checkCommand(args: CheckArgs, io: Io): Promise<number> {
  if (args.format === 'github-review' && args.base === undefined) return usageError(io, 'check --format github-review needs --base (the pull request\'s base branch or commit)');
  if (args.base !== undefined && args.updateBaseline) return usageError(io, '--update-baseline records every finding: --base cannot be used with it');
  if (args.shard && args.updateBaseline) return usageError(io, '--update-baseline records every finding: --shard cannot be used with it');
  const run = await analyse(args, io, false, false);
  if (typeof run === 'number') return run;
  let { result } = run;
  let diff: PullRequestDiff | undefined;
  if (args.base !== undefined) {
    try {
      diff = pullRequestDiff(result.root, args.base);
    } catch (err) {
      if (err instanceof UsageError) return usageError(io, err.message);
      throw err;
    }
  }

  // A baseline named on the command line is relative to the current directory; one in the configuration, to the root.
  const baselineFile = args.baseline !== undefined ? path.resolve(io.cwd, args.baseline) : run.config?.baseline !== undefined ? path.resolve(result.root, run.config.baseline) : undefined;
  const shownBaseline = baselineFile && (path.relative(io.cwd, baselineFile) || baselineFile);
  if (args.updateBaseline) {
    if (!baselineFile) {
      io.stderr.write('awaitify: --update-baseline needs a file: pass --baseline FILE or set "baseline" in the configuration\n');
      return EXIT.usage;
    }
    const baseline = baselineOf(result);
    writeFileSync(baselineFile, `${JSON.stringify(baseline, null, 2)}\n`);
    io.stderr.write(`awaitify: wrote ${baseline.findings.length} finding${baseline.findings.length === 1 ? '' : 's'} to ${shownBaseline}\n`);
    return result.files.some((f) => f.status === 'failed') ? EXIT.failed : EXIT.ok;
  }
  let accepted = 0;
  if (baselineFile) {
    if (!existsSync(baselineFile)) {
      io.stderr.write(`awaitify: ${shownBaseline}: no such baseline; create it with --update-baseline\n`);
      return EXIT.usage;
    }
    let baseline: Baseline;
    try {
      baseline = parseBaseline(readFileSync(baselineFile, 'utf8'));
    } catch (err) {
      io.stderr.write(`awaitify: ${shownBaseline}: ${(err as Error).message}\n`);
      return EXIT.usage;
    }
    const kept = withoutBaseline(result, baseline);
    accepted = kept.accepted;
    const fresh = new Set(kept.findings);
    result = { ...result, findings: kept.findings, files: result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => fresh.has(x)) })) };
  }

  // --base: only what the pull request's own lines hold (a finding on any line of its range).
  const beforeBase = result;
  let offPr = 0;
  if (diff) {
    const changed = diff;
    const onPr = (f: { path: string; line: number; endLine?: number }) => {
      for (let l = f.line; l <= (f.endLine ?? f.line); l++) if (changed.get(f.path)?.added.has(l)) return true;
      return false;
    };
    const kept = new Set(result.findings.filter(onPr));
    offPr = result.findings.length - kept.size;
    result = { ...result, findings: result.findings.filter((f) => kept.has(f)), files: result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => kept.has(x)) })) };
  }

  switch (args.format) {
    case 'github-review': {
      const review = guardReview(beforeBase, diff!, { summary: formatMarkdown(result, { check: true, version: io.version }), ruleUrl: (id) => ruleDocUrl(id, io.version) });
      io.stdout.write(`${JSON.stringify(review, null, 2)}\n`);
      break;
    }
    case 'text': {
      const paint = painter(useColor(args.color, io.stdout, io.env));
      const lines = sortFindings(result.findings).map((f) => `${paint('bold', `${f.path}:${f.line}:${f.column}`)} ${paint('dim', f.rule)} ${f.message}\n`);
      io.stdout.write(lines.join(''));
      break;
    }
    default:
      writeReport(args.format, result, io, false, true);
  }
  report(result, args, io, false, 'awaitify migrate --write applies them');
  if (offPr && !args.quiet) io.stderr.write(`${offPr} finding${offPr === 1 ? '' : 's'} on lines that ${args.base}...HEAD does not change, not shown\n`);
  if (accepted && !args.quiet) io.stderr.write(`${accepted} known finding${accepted === 1 ? '' : 's'} accepted by the baseline ${shownBaseline}, not shown\n`);

  if (result.files.some((f) => f.status === 'failed')) return EXIT.failed;
  return result.findings.length ? EXIT.pending : EXIT.ok;
}

export function rulesCommand(args: { json: boolean; language?: string }, io: Io): number {
  const rules = allRules().filter((r) => !args.language || r.language === args.language);
  if (args.json) {
    const rows = rules.map((r) => ({
      id: r.id,
      language: r.language,
      safety: r.safety,
      summary: r.docs.summary,
      minTargets: r.minTargets ?? {},
      structural: r.structural === true,
    }));
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const idWidth = Math.max(4, ...rules.map((r) => r.id.length));
  const langWidth = Math.max(8, ...rules.map((r) => r.language.length));
  io.stdout.write(`${'rule'.padEnd(idWidth)}  ${'language'.padEnd(langWidth)}  ${'safety'.padEnd(6)}  summary\n`);
  for (const r of rules) {
    io.stdout.write(`${r.id.padEnd(idWidth)}  ${r.language.padEnd(langWidth)}  ${r.safety.padEnd(6)}  ${r.docs.summary}\n`);
  }
  return EXIT.ok;
}

export function explainCommand(args: { rule: string }, io: Io): number {
  const rules = allRules();
  const same = rules.filter((r) => r.id === args.rule);
  if (!same.length) {
    io.stderr.write(`awaitify: ${unknownRuleMessage(args.rule, rules, 'rule')}\n`);
    return EXIT.usage;
  }
  io.stdout.write(ruleDocMarkdown(same, { notice: false }));
  return EXIT.ok;
}

/** A run's pipeline result, with the configuration it used and the file read from stdin. */
interface Run {
  result: MigrateResult;
  config?: ProjectConfig;
  stdin?: { path: string; text: string };
}

function usageError(io: Io, message: string): number {
  io.stderr.write(`awaitify: ${message}\n`);
  return EXIT.usage;
}

/**
 * `migrate --format github-review --base REF`: the branch already holds the migration, so the
 * dry run that explains it runs on the base (the merge base of REF and HEAD, extracted with
 * git archive into a temporary directory), and its findings are matched to the hunks of
 * base...HEAD.
 */
async function migrationReviewCommand(args: MigrateArgs, base: string, io: Io): Promise<number> {
  const paths = args.paths.length ? args.paths : ['.'];
  let root: string;
  let from: string;
  try {
    root = realpathOrSelf(findProjectRoot(paths, io.cwd, args.root));
    from = mergeBase(root, base);
  } catch (err) {
    if (err instanceof UsageError) return usageError(io, err.message);
    throw err;
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-base-'));
  try {
    const baseRoot = path.join(scratch, 'tree');
    mkdirSync(baseRoot);
    const prefix = gitPrefix(root);
    const tar = path.join(scratch, 'base.tar');
    execFileSync('git', ['archive', '--format=tar', '-o', tar, prefix ? `${from}:${prefix.slice(0, -1)}` : from], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('tar', ['-xf', tar, '-C', baseRoot], { stdio: ['ignore', 'ignore', 'pipe'] });
    // Installed dependencies are not in git: the base sees the head's (type information, versions).
    for (const dep of ['node_modules']) {
      if (existsSync(path.join(root, dep)) && !existsSync(path.join(baseRoot, dep))) symlinkSync(path.join(root, dep), path.join(baseRoot, dep));
    }
    const mapped = paths.map((p) => path.relative(root, path.resolve(io.cwd, p)) || '.');
    const run = await analyse(
      {
        ...args,
        paths: mapped,
        root: '.',
        ...(args.config !== undefined ? { config: path.resolve(io.cwd, args.config) } : {}),
        ...(args.cacheDir !== undefined ? { cacheDir: path.resolve(io.cwd, args.cacheDir) } : {}),
      },
      { ...io, cwd: baseRoot },
      false,
      false,
    );
    if (typeof run === 'number') return run;
    const review = migrationReview(run.result, pullRequestDiff(root, base, 3), pullRequestDiff(root, base, 0), {
      summary: formatMarkdown(run.result, { written: true, version: io.version }),
      ruleUrl: (id) => ruleDocUrl(id, io.version),
      headText: (p) => {
        try {
          return readFileSync(path.join(root, p), 'utf8');
        } catch {
          return undefined;
        }
      },
    });
    io.stdout.write(`${JSON.stringify(review, null, 2)}\n`);
    report(run.result, args, io, true);
    return run.result.files.some((f) => f.status === 'failed') ? EXIT.failed : EXIT.ok;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs the pipeline; returns an exit code instead of a result when the run could not start. */
async function analyse(given: AnalysisArgs, io: Io, write: boolean, allowDirty: boolean, verify?: { command: string; budget?: number }): Promise<Run | number> {
  const usage = (message: string) => {
    io.stderr.write(`awaitify: ${message}\n`);
    return EXIT.usage;
  };
  // `-`: one file from stdin, analysed in its project as if saved.
  let stdin: Run['stdin'];
  if (given.paths.includes('-')) {
    if (given.paths.length > 1) return usage("'-' reads one file from stdin: name no other path with it");
    if (!given.stdinFilename) return usage("'-' needs --stdin-filename: the path of the file stdin holds, relative to the current directory");
    if (write) return usage("'-' prints the migrated file on stdout: --write cannot be used with it");
    if (verify) return usage("'-' prints the migrated file on stdout: --verify cannot be used with it");
    stdin = { path: given.stdinFilename, text: await readAll(io.stdin ?? process.stdin) };
  } else if (given.stdinFilename) return usage("--stdin-filename goes with the path '-'");
  const paths = stdin ? [stdin.path] : given.paths.length ? given.paths : ['.'];
  if (given.shard && (stdin || verify)) return usage(`--shard reports a part of the project: ${stdin ? "'-'" : '--verify'} cannot be used with it`);

  let config: ProjectConfig | undefined;
  let cache: boolean | string;
  try {
    if (!given.noConfig) config = loadProjectConfig(findProjectRoot(paths, io.cwd, given.root), io.cwd, given.config);
    cache = cacheOption(given, config, () => findProjectRoot(paths, io.cwd, given.root), io.cwd);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UsageError) return usage(err.message);
    throw err;
  }
  const args = withConfig(given, config);

  const rules = allRules();
  for (const [flag, ids] of [
    [given.rules ? '--rules' : `${config?.source}: "rules"`, args.rules],
    [given.skip ? '--skip' : `${config?.source}: "skip"`, args.skip],
  ] as const) {
    for (const id of ids ?? []) {
      if (!rules.some((r) => r.id === id)) return usage(`${flag}: ${unknownRuleMessage(id, rules, 'rule id')}`);
    }
  }

  const progress = createProgress(io.stderr, args.progress && !args.quiet);
  const started = performance.now();
  // For --stats: when each phase first and last reported progress.
  const phases = new Map<string, { first: number; last: number }>();
  const onProgress = (phase: string, done: number, total: number) => {
    progress.onProgress(phase, done, total);
    if (!args.stats) return;
    const now = performance.now();
    const span = phases.get(phase);
    if (span) span.last = now;
    else phases.set(phase, { first: now, last: now });
  };
  let result: MigrateResult;
  try {
    const options = {
      paths,
      ...(stdin ? { overlay: [stdin] } : {}),
      ...(args.exclude?.length ? { exclude: args.exclude } : {}),
      ...(config?.skipDirectories ? { skipDirectories: config.skipDirectories } : {}),
      ...(args.root !== undefined ? { root: args.root } : {}),
      cwd: io.cwd,
      safety: args.safety,
      rules: args.rules,
      skip: args.skip,
      targets: targetOverrides(args),
      entry: args.entry,
      api: args.api,
      toplevel: args.toplevel,
      offload: args.offload,
      ...(args.maxFileSize !== undefined ? { maxFileSize: args.maxFileSize } : {}),
      ...(cache ? { cache } : {}),
      // A diff needs only the changes to be exact (see ShardSpec.findings); a report of findings needs them all.
      ...(given.shard ? { shard: { ...given.shard, findings: (given as Partial<MigrateArgs>).format !== 'diff' } } : {}),
      onProgress,
    };
    result = verify ? await verifiedMigration(options, { ...verify, command: verify.command.trim() || config?.verify || '' }, io, write, allowDirty, args.quiet, progress) : await migrate({ ...options, write, allowDirty });
  } catch (err) {
    progress.finish();
    if (err instanceof VerifyError) {
      io.stderr.write(`awaitify: --verify: ${err.message}\nnothing was written.\n`);
      return EXIT.failed;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`awaitify: ${err.message}\n`);
      if (err instanceof DirtyTreeError) io.stderr.write('nothing was written.\n');
      return EXIT.usage;
    }
    if (err instanceof LockedError) {
      io.stderr.write(`awaitify: ${err.message}\nnothing was written.\n`);
      return EXIT.locked;
    }
    if (err instanceof InterruptedError) {
      io.stderr.write(`awaitify: ${err.message}\n`);
      return 128 + (os.constants.signals[err.signal] ?? 0);
    }
    throw err;
  }
  progress.finish();
  for (const note of result.notes) io.stderr.write(`awaitify: note: ${note}\n`);
  if (result.recovered) io.stderr.write(formatRecovery(result.recovered));
  if (args.stats) {
    const stats = {
      files: result.files.length,
      changed: result.files.filter((f) => f.status === 'changed').length,
      findings: result.findings.length,
      elapsedMs: Math.round(performance.now() - started),
      phasesMs: Object.fromEntries([...phases].map(([phase, span]) => [phase, Math.round(span.last - span.first)])),
      maxRssKiB: process.resourceUsage().maxRSS,
    };
    io.stderr.write(`awaitify-stats ${JSON.stringify(stats)}\n`);
  }
  return { result, config, ...(stdin ? { stdin } : {}) };
}

/**
 * The content-hash cache of a run (MigrateOptions.cache): on unless `--no-cache` or the
 * configuration's `"cache": false`; its directory from `--cache-dir` (relative to the
 * current directory), else the configuration's `cacheDir` (relative to the project root),
 * else the project's own. The output does not depend on it, so it is on by default: a
 * second run reads the parse of every file it parsed before.
 */
export function cacheOption(args: Pick<AnalysisArgs, 'cache' | 'cacheDir'>, config: ProjectConfig | undefined, root: () => string, cwd: string): boolean | string {
  if (!(args.cache ?? config?.cache ?? true)) return false;
  if (args.cacheDir !== undefined) return path.resolve(cwd, args.cacheDir);
  if (config?.cacheDir !== undefined) return path.resolve(cwd, root(), config.cacheDir);
  return true;
}

/** The flags, then the configuration, then the defaults; `exclude` adds up. */
export function withConfig(args: AnalysisArgs, config: ProjectConfig | undefined): AnalysisArgs & { safety: 'safe' | 'review'; entry: string } {
  const targets = config?.targets ?? {};
  return {
    ...args,
    safety: args.safety ?? config?.safety ?? 'review',
    entry: args.entry ?? config?.entry ?? 'handlers',
    rules: args.rules ?? config?.rules,
    skip: args.skip ?? config?.skip,
    api: args.api ?? config?.api,
    toplevel: args.toplevel ?? config?.toplevel,
    framework: args.framework ?? config?.framework,
    offload: args.offload ?? config?.offload,
    exclude: [...(config?.exclude ?? []), ...(args.exclude ?? [])],
    django: args.django ?? targets.django,
    python: args.python ?? targets.python,
    node: args.node ?? targets.node,
    express: args.express ?? targets.express,
  };
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/**
 * --verify: analyse once (holding the project's write lock), check nothing to write is
 * dirty, search the units with the test command (candidate trees on disk, the original
 * restored), then write the kept units once, as one transaction.
 */
async function verifiedMigration(
  options: Omit<Parameters<typeof prepare>[0], 'write'>,
  verify: { command: string; budget?: number },
  io: Io,
  write: boolean,
  allowDirty: boolean,
  quiet: boolean,
  progress: { finish(): void },
): Promise<MigrateResult> {
  if (!verify.command.trim()) throw new UsageError('--verify needs a command (--verify "npm test"), or "verify" in the configuration (awaitify.config.json, package.json "awaitify", pyproject.toml [tool.awaitify])');
  // The bar is for the analysis: the emits of the search report on the verify line instead.
  let analysing = true;
  const notes: string[] = [];
  const prepared = await prepare({ ...options, onProgress: (phase, done, total) => analysing && options.onProgress?.(phase, done, total) });
  const release = acquireProjectLock(prepared.root, (note) => notes.push(note));
  try {
    analysing = false;
    progress.finish();
    // Candidates go onto the files: never onto uncommitted work (checked before the first run).
    if (!allowDirty) {
      const dirty = prepared.dirtyFiles(await prepared.emit());
      if (dirty.length) throw new DirtyTreeError(dirty);
    }
    const tty = io.stderr.isTTY === true;
    const { result } = await verifyMigration(prepared, {
      command: verify.command,
      cwd: io.cwd,
      budget: verify.budget,
      onProgress: quiet ? undefined : (line) => io.stderr.write(tty ? `\r\u001b[2K${line}` : `${line}\n`),
    });
    if (tty && !quiet) io.stderr.write('\r\u001b[2K');
    if (write) await prepared.write(result, allowDirty);
    result.notes.unshift(...notes);
    return result;
  } finally {
    release();
  }
}

/** The summary on stderr; under --quiet only what went wrong. */
function report(result: MigrateResult, args: AnalysisArgs, io: Io, written: boolean, applyHint?: string): void {
  const color = useColor(args.color, io.stderr, io.env);
  if (!args.quiet) {
    io.stderr.write(formatSummary(result, { color, written, applyHint }));
    return;
  }
  const paint = painter(color);
  for (const f of result.files) {
    if (f.status === 'failed') io.stderr.write(`${paint('red', 'failed')} ${site(f.path, f.line)} ${f.reason ?? ''}\n`);
  }
}

/** The formats `migrate` and `check` share, on stdout. */
function writeReport(format: 'json' | 'markdown' | 'sarif' | 'github' | 'github-review', result: MigrateResult, io: Io, written: boolean, check = false): void {
  switch (format) {
    case 'json':
      io.stdout.write(formatJson(result, io.version));
      break;
    case 'markdown':
      io.stdout.write(formatMarkdown(result, { written, check, version: io.version }));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(result, { version: io.version, informationUri: io.homepage, prefix: gitPrefix(result.root), written }));
      break;
    case 'github': {
      // Annotations on stdout (the runner reads them there); GitHub shows only the
      // first few, so the whole summary goes to the step summary too.
      io.stdout.write(formatAnnotations(result, { prefix: gitPrefix(result.root), check, written }));
      const summaryFile = io.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) appendFileSync(summaryFile, `${formatMarkdown(result, { written, check, version: io.version })}\n`);
      break;
    }
  }
}

export function targetOverrides(args: AnalysisArgs): Partial<Targets> {
  const targets: Partial<Targets> = {};
  for (const key of ['django', 'python', 'node', 'express', 'framework'] as const) {
    const value = args[key];
    if (value !== undefined) targets[key] = value;
  }
  return targets;
}

export function unknownRuleMessage(id: string, rules: readonly RuleMeta[], what: string): string {
  const ids = [...new Set(rules.map((r) => r.id))].sort();
  const near = closest(id, ids);
  const hint = near ? ` Did you mean '${near}'?` : '';
  return `unknown ${what} '${id}'.${hint} Valid rule ids: ${ids.join(', ')} (see 'awaitify rules').`;
}

/** The id nearest to `input` by edit distance, when near enough to be a typo. */
function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.includes(input) || input.includes(c) ? Math.abs(c.length - input.length) / 2 : editDistance(input, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** Explicit --color/--no-color wins; otherwise colour on a terminal unless NO_COLOR is set. */
export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

function colorDiff(diff: string): string {
  const paint = painter(true);
  let inHeader = false;
  return diff.replace(/^.*$/gm, (line) => {
    if (line.startsWith('diff --git ')) inHeader = true;
    else if (line.startsWith('@@')) {
      inHeader = false;
      return paint('dim', line);
    }
    if (inHeader) return paint('bold', line);
    if (line.startsWith('+')) return paint('green', line);
    if (line.startsWith('-')) return paint('red', line);
    return line;
  });
}
