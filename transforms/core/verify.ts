// --verify '<command>': run the project's tests on the untouched tree (the baseline), on the
// migrated tree, and, when tests that passed now fail, search the migration units for the ones
// to back out (delta debugging): the result keeps the largest set of units found that leaves
// every baseline-passing test passing. Candidate trees are put on disk for each run and the
// original tree is restored afterwards (and on SIGINT); the caller writes the final tree once.
// No parser here: the pipeline's PreparedMigration produces every candidate.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrateResult, PreparedMigration } from './pipeline.js';
import { failureExcerpt, parseTestOutput, type TestResults } from './test-results.js';
import type { Finding, VerifySummary } from './types.js';

export class VerifyError extends Error {}

export interface VerifyOptions {
  command: string;
  /** Where the command runs. */
  cwd: string;
  /** At most this many runs of the command, baseline included. Default 50. */
  budget?: number;
  env?: NodeJS.ProcessEnv;
  /** One progress line per call (runs, units kept / backed out, elapsed). */
  onProgress?(line: string): void;
  /** Runs the command; injectable for tests. */
  run?(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CommandRun>;
}

export interface CommandRun {
  /** null when the command could not start. */
  code: number | null;
  output: string;
}

// ---------------------------------------------------------------------------
// The search

/** Whether a set of units passes; 'budget' when no run is left. `blaming`: the unit this run decides (the last check before backing it out). */
export type Probe = (set: number[], blaming?: number) => Promise<boolean | 'budget'>;

export interface SearchResult {
  kept: number[];
  backedOut: number[];
  /** Units the budget left undecided (backed out: only tested sets are kept). */
  undecided: number[];
}

/**
 * Finds the units to back out of `n` (numbered 0..n-1), given that the empty
 * set passes (the baseline). Binary splitting, ddmin-style: the set that fails
 * is halved; a half that passes joins the kept set `G` for good, a half that
 * fails is split again, down to one unit, which is blamed after a last check of
 * `G` + that unit (a re-run when that set already ran: a flaky test does not
 * blame a unit). `G` only ever grows by a set that passed, so the kept set is
 * always one that was run and passed. Runs: 1 when all pass; about
 * k·(log2(n) + 2) + 1 for k bad units.
 */
export async function searchUnits(n: number, probe: Probe, onDecide?: (kept: number, backedOut: number) => void): Promise<SearchResult> {
  const all = Array.from({ length: n }, (_, i) => i);
  const kept: number[] = [];
  const backedOut: number[] = [];
  const undecided: number[] = [];
  let exhausted = false;
  const passes = async (set: number[], blaming?: number): Promise<boolean> => {
    if (exhausted) return false;
    const r = await probe([...set].sort((a, b) => a - b), blaming);
    if (r === 'budget') exhausted = true;
    onDecide?.(kept.length, backedOut.length);
    return r === true;
  };
  // Precondition: kept passes, kept ∪ units fails.
  const resolve = async (units: number[]): Promise<void> => {
    if (units.length === 1) {
      if (await passes([...kept, units[0]], units[0])) kept.push(units[0]);
      else (exhausted ? undecided : backedOut).push(units[0]);
      return;
    }
    const half = Math.ceil(units.length / 2);
    const first = units.slice(0, half);
    const second = units.slice(half);
    if (await passes([...kept, ...first])) {
      kept.push(...first);
      return resolve(second);
    }
    if (exhausted) return void undecided.push(...units);
    await resolve(first);
    if (exhausted) return void undecided.push(...second);
    if (await passes([...kept, ...second])) kept.push(...second);
    else if (exhausted) undecided.push(...second);
    else await resolve(second);
  };
  if (n === 0) return { kept, backedOut, undecided };
  if (await passes(all)) return { kept: all, backedOut, undecided };
  if (exhausted) return { kept, backedOut, undecided: all };
  await resolve(all);
  const sort = (a: number[]) => a.sort((x, y) => x - y);
  return { kept: sort(kept), backedOut: sort(backedOut), undecided: sort(undecided) };
}

// ---------------------------------------------------------------------------
// Running the command against candidate trees

interface Observation {
  ok: boolean;
  /** Baseline-passing tests that did not pass. */
  failing: string[];
  output: string;
}

/**
 * Runs the baseline, then the search. Returns the result to write (the units kept) and
 * the summary; the tree on disk is the original one when it returns or throws.
 */
export async function verifyMigration(prepared: PreparedMigration, options: VerifyOptions): Promise<{ result: MigrateResult; summary: VerifySummary }> {
  const started = Date.now();
  const budget = options.budget ?? 50;
  const run = options.run ?? runCommand;
  const env = { ...process.env, ...options.env, PYTHONDONTWRITEBYTECODE: '1', CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  const units = prepared.changing;
  let runs = 0;
  const disk = new CandidateTree();
  const onInterrupt = () => {
    disk.restore();
    process.stderr.write('\nawaitify: --verify interrupted; the original tree is restored, nothing was written.\n');
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  let kept = 0;
  let backedOutCount = 0;
  const progress = (what: string) =>
    options.onProgress?.(`verify: ${what} · runs ${runs}/${budget} · units ${units.length}: kept ${kept}, backed out ${backedOutCount} · ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const exec = async (): Promise<CommandRun & { results: TestResults }> => {
    runs++;
    const r = await run(options.command, options.cwd, env);
    return { ...r, results: parseTestOutput(r.output) };
  };

  try {
    // Baseline: the untouched tree.
    progress('baseline');
    const first = await exec();
    if (first.code === null || first.code === 126 || first.code === 127) {
      throw new VerifyError(`the verify command could not run on the untouched tree (${first.code === null ? 'it did not start' : `exit ${first.code}`}): ${lastLines(first.output, 3) || options.command}`);
    }
    const compared: VerifySummary['compared'] = first.results.tests.size ? 'tests' : first.results.summary ? 'summary' : 'exit-code';
    const passing = new Set<string>();
    let baselineFailing = 0;
    let baselineRuns = 1;
    if (compared === 'tests') {
      progress('baseline (again, for flaky tests)');
      const second = await exec();
      baselineRuns = 2;
      for (const [name, status] of first.results.tests) {
        if (status === 'pass' && second.results.tests.get(name) === 'pass') passing.add(name);
        else baselineFailing++;
      }
      if (!passing.size) throw new VerifyError(`no test passes on the untouched tree with \`${options.command}\`; nothing to compare the migration with`);
    } else if (compared === 'exit-code' && first.code !== 0) {
      throw new VerifyError(
        `\`${options.command}\` fails on the untouched tree (exit ${first.code}) and prints no per-test results awaitify can read, so a failure after the migration would say nothing: make it pass first, or run a command that lists its tests (pytest -rA, manage.py test -v 2, node --test, mocha, jest, vitest). Last lines:\n${lastLines(first.output, 5)}`,
      );
    }
    const base = first.results.summary;
    const flaky = new Set<string>();

    const observe = (r: CommandRun & { results: TestResults }): Observation => {
      if (compared === 'tests') {
        const failing = [...passing].filter((t) => !flaky.has(t) && r.results.tests.get(t) !== 'pass');
        return { ok: failing.length === 0, failing, output: r.output };
      }
      if (compared === 'summary') {
        const s = r.results.summary;
        const ok = Boolean(s && base && s.passed >= base.passed && s.failed <= base.failed);
        return { ok, failing: ok ? [] : [s ? `${s.failed} failed, ${s.passed} passed (baseline: ${base!.failed} failed, ${base!.passed} passed)` : `no summary (exit ${r.code})`], output: r.output };
      }
      return { ok: r.code === 0, failing: r.code === 0 ? [] : [`exit code ${r.code}`], output: r.output };
    };

    // Every candidate: emit the units, check it parses as the full output does, put it on disk, run.
    const full = await prepared.emit();
    const fullFailed = new Set(full.files.filter((f) => f.status === 'failed').map((f) => f.path));
    const cache = new Map<string, Observation>();
    const blame = new Map<number, Observation>();
    const probe: Probe = async (set, blaming) => {
      const key = set.join(',');
      const cached = cache.get(key);
      // A set runs once, except a failed one that is about to blame a unit: it runs again.
      if (cached && (cached.ok || blaming === undefined || !cached.output)) {
        if (blaming !== undefined && !cached.ok) blame.set(blaming, cached);
        return cached.ok;
      }
      const result = await prepared.emit(new Set(set.map((i) => units[i].id)));
      const broken = result.files.filter((f) => f.status === 'failed' && !fullFailed.has(f.path));
      if (broken.length) {
        // Never run (or keep) code that does not parse: such a set fails without a run.
        const obs = { ok: false, failing: broken.map((f) => `${f.path} would not parse: ${f.reason}`), output: '' };
        cache.set(key, obs);
        if (blaming !== undefined) blame.set(blaming, obs);
        return false;
      }
      if (runs >= budget) return 'budget';
      disk.put(prepared.outputs(result));
      progress(`run ${set.length}/${units.length} units`);
      const obs = observe(await exec());
      if (cached && !cached.ok && blaming !== undefined && obs.ok) {
        // The same tree ran before and failed, and passes now: the tests that failed then are flaky, not the unit's fault.
        // (When it fails again the unit is blamed, and the tests that failed only once are not called flaky: a broken
        // unit can fail other tests at random, e.g. where a coroutine that was never awaited is collected.)
        for (const t of cached.failing) if (passing.has(t)) flaky.add(t);
      }
      cache.set(key, obs);
      if (blaming !== undefined && !obs.ok) blame.set(blaming, obs);
      return obs.ok;
    };
    const search = await searchUnits(units.length, probe, (k, b) => {
      kept = k;
      backedOutCount = b;
    });
    kept = search.kept.length;
    backedOutCount = search.backedOut.length + search.undecided.length;
    progress('done');

    const keptIds = new Set(search.kept.map((i) => units[i].id));
    const backedOut: VerifySummary['backedOut'] = [];
    const manual: Finding[] = [];
    for (const i of [...search.backedOut, ...search.undecided]) {
      const unit = units[i];
      const obs = search.backedOut.includes(i) ? blame.get(i) : undefined;
      const tests = obs ? obs.failing.slice(0, 10) : [];
      const failure = obs ? (obs.output ? tests.slice(0, 2).map((t) => `${t}:\n${failureExcerpt(obs.output, t, 4)}`).join('\n') : obs.failing.join('\n')) : '';
      backedOut.push({ unit: unit.id, label: unit.label, tests, failure });
      const first = unit.findings[0];
      manual.push({
        rule: 'verify-backed-out',
        path: first.path,
        line: first.line,
        column: first.column,
        safety: 'manual',
        edits: [],
        unit: unit.id,
        message: obs
          ? `backed out by --verify: with unit ${unit.id} (${unit.label}) applied, \`${options.command}\` fails ${tests.length === 1 ? 'a test that passes' : `${tests.length} tests that pass`} on the untouched tree: ${tests.join(', ')}. First lines of the failure:\n${failure}`
          : `backed out by --verify: the run budget (--verify-budget ${budget}) ran out before unit ${unit.id} (${unit.label}) could be tested with the rest; raise the budget or migrate it separately.`,
      });
    }
    disk.restore();
    const result = await prepared.emit(keptIds);
    result.findings.push(...manual);
    for (const m of manual) result.files.find((f) => f.path === m.path)?.findings.push(m);
    const summary: VerifySummary = {
      command: options.command,
      runs,
      baselineRuns,
      compared,
      units: units.length,
      kept: search.kept.length,
      backedOut,
      baselinePassing: passing.size,
      baselineFailing: compared === 'tests' ? baselineFailing : (base?.failed ?? 0),
      flaky: [...flaky].sort(),
      budgetExhausted: search.undecided.length > 0,
      elapsedMs: Date.now() - started,
    };
    result.verify = summary;
    return { result, summary };
  } finally {
    disk.restore();
    process.removeListener('SIGINT', onInterrupt);
  }
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/** Runs `command` in a shell; its stdout and stderr together. */
export function runCommand(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CommandRun> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    child.on('error', (err) => resolve({ code: null, output: err.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/**
 * The files on disk while candidates run: the original bytes (and times) of every
 * file a candidate touched, put back by `restore()`; a file a candidate created is removed.
 */
class CandidateTree {
  private originals = new Map<string, { bytes: Buffer; atime: Date; mtime: Date } | null>();
  private current = new Map<string, Buffer | null>();

  put(files: { absPath: string; bytes: Buffer; created: boolean }[]): void {
    const wanted = new Map<string, Buffer | null>();
    for (const f of files) wanted.set(f.absPath, f.bytes);
    for (const p of this.originals.keys()) if (!wanted.has(p)) wanted.set(p, this.originals.get(p)?.bytes ?? null);
    for (const [p, bytes] of wanted) {
      if (!this.originals.has(p)) {
        if (existsSync(p)) {
          const st = statSync(p);
          this.originals.set(p, { bytes: readFileSync(p), atime: st.atime, mtime: st.mtime });
        } else this.originals.set(p, null);
      }
      const now = this.current.has(p) ? this.current.get(p) : (this.originals.get(p)?.bytes ?? null);
      if (now === bytes || (now && bytes && now.equals(bytes))) continue;
      if (bytes) writeFileSync(p, bytes);
      else if (existsSync(p)) unlinkSync(p);
      this.current.set(p, bytes);
    }
  }

  restore(): void {
    for (const [p, original] of this.originals) {
      if (!this.current.has(p)) continue;
      try {
        if (original) {
          writeFileSync(p, original.bytes);
          utimesSync(p, original.atime, original.mtime);
        } else if (existsSync(p)) unlinkSync(p);
      } catch {
        // Keep restoring the others.
      }
    }
    this.current.clear();
  }
}
