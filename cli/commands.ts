// What each command does once its arguments are parsed: call the library,
// print a report, choose the exit code. No analysis happens here.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { allRules, DirtyTreeError, migrate, prepare, UsageError, verifyCommandFromConfig, VerifyError, verifyMigration, type MigrateResult, type RuleMeta, type Targets } from '../transforms/index.js';
import {
  encodeDiff,
  formatAnnotations,
  formatDiff,
  formatJson,
  formatMarkdown,
  formatSarif,
  formatSummary,
  painter,
  ruleDocMarkdown,
  site,
  sortFindings,
} from '../transforms/core/report/index.js';
import { createProgress } from './progress.js';

export const EXIT = { ok: 0, pending: 1, usage: 2, failed: 3 } as const;

export const MIGRATE_FORMATS = ['diff', 'json', 'markdown', 'sarif', 'github'] as const;
export const CHECK_FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'] as const;

/** Options shared by `migrate` and `check`, as parsed from the command line. */
export interface AnalysisArgs {
  paths: string[];
  /** `--root`: the project root to analyse, relative to cwd. */
  root?: string;
  safety: 'safe' | 'review';
  rules?: string[];
  skip?: string[];
  django?: string;
  python?: string;
  node?: string;
  express?: string;
  entry: string;
  api?: 'replace' | 'twin';
  framework?: string;
  toplevel?: 'keep' | 'await' | 'iife';
  offload?: string[];
  quiet: boolean;
  progress: boolean;
  color?: boolean;
  stats: boolean;
}

export interface MigrateArgs extends AnalysisArgs {
  write: boolean;
  check: boolean;
  allowDirty: boolean;
  /** `--verify [command]`: '' means the command from the project's config. */
  verify?: string;
  verifyBudget?: number;
  format: (typeof MIGRATE_FORMATS)[number];
}

export interface CheckArgs extends AnalysisArgs {
  format: (typeof CHECK_FORMATS)[number];
}

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  version: string;
  /** Where rule help links point in SARIF (package.json `homepage`), when known. */
  homepage?: string;
}

export async function migrateCommand(args: MigrateArgs, io: Io): Promise<number> {
  const result = await analyse(args, io, args.write, args.allowDirty, args.verify !== undefined ? { command: args.verify, budget: args.verifyBudget } : undefined);
  if (typeof result === 'number') return result;
  const written = args.write;

  switch (args.format) {
    case 'diff': {
      // Written changes are in the files (and in `git diff`); the diff is the dry run's output.
      if (written) break;
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
  const result = await analyse(args, io, false, false);
  if (typeof result === 'number') return result;

  switch (args.format) {
    case 'text': {
      const paint = painter(useColor(args.color, io.stdout, io.env));
      const lines = sortFindings(result.findings).map((f) => `${paint('bold', `${f.path}:${f.line}:${f.column}`)} ${paint('dim', f.rule)} ${f.message}\n`);
      io.stdout.write(lines.join(''));
      break;
    }
    default:
      writeReport(args.format, result, io, false);
  }
  report(result, args, io, false, 'awaitify migrate --write applies them');

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

/** Runs the pipeline; returns an exit code instead of a result when the run could not start. */
async function analyse(args: AnalysisArgs, io: Io, write: boolean, allowDirty: boolean, verify?: { command: string; budget?: number }): Promise<MigrateResult | number> {
  const rules = allRules();
  for (const [flag, ids] of [
    ['--rules', args.rules],
    ['--skip', args.skip],
  ] as const) {
    for (const id of ids ?? []) {
      if (!rules.some((r) => r.id === id)) {
        io.stderr.write(`awaitify: ${flag}: ${unknownRuleMessage(id, rules, 'rule id')}\n`);
        return EXIT.usage;
      }
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
  const options = {
    paths: args.paths.length ? args.paths : ['.'],
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
    onProgress,
  };
  try {
    result = verify ? await verifiedMigration(options, verify, io, write, allowDirty, args.quiet, progress) : await migrate({ ...options, write, allowDirty });
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
    throw err;
  }
  progress.finish();
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
  return result;
}

/**
 * --verify: analyse once, check nothing to write is dirty, search the units with the test
 * command (candidate trees on disk, the original restored), then write the kept units once.
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
  // The bar is for the analysis: the emits of the search report on the verify line instead.
  let analysing = true;
  const prepared = await prepare({ ...options, onProgress: (phase, done, total) => analysing && options.onProgress?.(phase, done, total) });
  analysing = false;
  progress.finish();
  const command = verify.command.trim() || verifyCommandFromConfig(prepared.root);
  if (!command) throw new UsageError('--verify needs a command (--verify "npm test"), or "awaitify": {"verify": "..."} in package.json, or verify = "..." under [tool.awaitify] in pyproject.toml');
  // Candidates go onto the files: never onto uncommitted work (checked before the first run).
  if (!allowDirty) {
    const dirty = prepared.dirtyFiles(await prepared.emit());
    if (dirty.length) throw new DirtyTreeError(dirty);
  }
  const tty = io.stderr.isTTY === true;
  const { result } = await verifyMigration(prepared, {
    command,
    cwd: io.cwd,
    budget: verify.budget,
    onProgress: quiet ? undefined : (line) => io.stderr.write(tty ? `\r\u001b[2K${line}` : `${line}\n`),
  });
  if (tty && !quiet) io.stderr.write('\r\u001b[2K');
  if (write) prepared.write(result, allowDirty);
  return result;
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
function writeReport(format: 'json' | 'markdown' | 'sarif' | 'github', result: MigrateResult, io: Io, written: boolean): void {
  switch (format) {
    case 'json':
      io.stdout.write(formatJson(result, io.version));
      break;
    case 'markdown':
      io.stdout.write(formatMarkdown(result, { written }));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(result, { version: io.version, informationUri: io.homepage }));
      break;
    case 'github': {
      // Annotations on stdout (the runner reads them there); GitHub shows only the
      // first few, so the whole summary goes to the step summary too.
      io.stdout.write(formatAnnotations(result));
      const summaryFile = io.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) appendFileSync(summaryFile, `${formatMarkdown(result, { written })}\n`);
      break;
    }
  }
}

/** Where `dir` sits in its git work tree (`web/`, or '' at the top or outside git): diff paths start there. */
function gitPrefix(dir: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--show-prefix'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function targetOverrides(args: AnalysisArgs): Partial<Targets> {
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
