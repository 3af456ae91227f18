// The pipeline: discover → parse/index/seed/plan (adapters) → emit → apply → verify → (write).
// One pipeline for every language; adapters are handed in, never imported here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { detectEol, applyEdits, OverlappingEditsError } from './edits.js';
import { discoverFiles, extensionOf, toPosix } from './discover.js';
import { dedupeImports } from './imports.js';
import { DirtyTreeError, UsageError } from './errors.js';
import { readSource, encodeSource, type DecodedSource } from './source.js';
import { findProjectRoot, OUTSIDE_SCOPE } from './scope.js';
import { buildUnits } from './units.js';
import { createFileAtomic, writeFileAtomic, filesWithUncommittedChanges } from './write.js';
import type { DiscoveredFile } from './discover.js';
import type {
  ApiPolicy,
  EntryPolicy,
  FileResult,
  Finding,
  LanguageAdapter,
  MigrationPlan,
  MigrationUnit,
  VerifySummary,
  FunctionSpan,
  AwaitLink,
  NewFile,
  PlanBoundary,
  RuleMeta,
  Safety,
  SourceText,
  Targets,
  TopLevelPolicy,
} from './types.js';

export { UsageError, DirtyTreeError };

export interface MigrateOptions {
  /** Files, directories or globs, relative to cwd: the files the run may change. Default: ['.']. */
  paths?: string[];
  /**
   * The project root the run analyses (relative to cwd): every file under it is read, so that
   * callers and definitions outside `paths` are known. Default: found from the first path
   * (see findProjectRoot). Result paths are relative to it.
   */
  root?: string;
  /** In-memory sources instead of discovery (editor buffers, jscodeshift): paths relative to cwd. Never written. */
  sources?: { path: string; text: string }[];
  /** Default process.cwd(). */
  cwd?: string;
  /** Apply to disk (atomic temp + rename, mode kept). */
  write?: boolean;
  /** With write: also touch files that have uncommitted git changes. */
  allowDirty?: boolean;
  /** Which safety classes are applied (manual never is). Default 'review'. */
  safety?: 'safe' | 'review';
  rules?: string[];
  skip?: string[];
  /** Overrides what the adapters detect from the project. */
  targets?: Partial<Targets>;
  entry?: EntryPolicy;
  /** Undefined lets each adapter use its ecosystem's default. */
  api?: ApiPolicy;
  /** Module top level that must await: 'keep' (default) reports it; 'iife' wraps a CommonJS script in an async IIFE. */
  toplevel?: TopLevelPolicy;
  /** Module functions to run on a worker thread (`path-glob:name`), for adapters that can. */
  offload?: string[];
  adapters: LanguageAdapter[];
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface MigrateResult {
  /** The project root: every path of the result is relative to it. */
  root: string;
  /** The files of the run's paths, the only ones it may change. */
  files: FileResult[];
  /** Files under the root outside the paths: analysed (callers, definitions), never changed. */
  outsideFiles: number;
  findings: Finding[];
  plan: MigrationPlan;
  targets: Targets;
  rules: RuleMeta[];
  /** The migration units: every finding in exactly one (see units.ts). */
  units: MigrationUnit[];
  /** Set by --verify (verify.ts). */
  verify?: VerifySummary;
}

const SAFETY_RANK: Record<Safety, number> = { safe: 0, review: 1, manual: 2 };

interface LoadedFile {
  adapter: LanguageAdapter;
  source: DecodedSource;
  text: SourceText;
}

/**
 * An analysed project, ready to produce its output for any set of migration
 * units: `emit()` applies every unit, `emit(ids)` only the findings of those
 * units (any subset gives code that parses and is consistent: see units.ts);
 * `write(result)` writes an emitted result through the atomic write path.
 * Each `emit` resets `finding.applied`: a result's findings describe the last emit.
 */
export interface PreparedMigration {
  root: string;
  /** Every finding in exactly one unit. */
  units: MigrationUnit[];
  /** The units that change something when applied. */
  changing: MigrationUnit[];
  emit(units?: ReadonlySet<string>): Promise<MigrateResult>;
  /** Files an emitted result changes, as the bytes to store (encoding and BOM kept). */
  outputs(result: MigrateResult): { absPath: string; bytes: Buffer; created: boolean }[];
  /** The changed files (not created ones) that have uncommitted git changes. */
  dirtyFiles(result: MigrateResult): string[];
  /** Writes the result's changed files (new ones first); a file that cannot be written is marked failed. */
  write(result: MigrateResult, allowDirty?: boolean): void;
}

export async function runMigration(options: MigrateOptions): Promise<MigrateResult> {
  const prepared = await prepareMigration(options);
  const result = await prepared.emit();
  if (options.write) prepared.write(result, options.allowDirty);
  return result;
}

export async function prepareMigration(options: MigrateOptions): Promise<PreparedMigration> {
  const cwd = options.cwd ?? process.cwd();
  const adapters = options.adapters;
  const rules = adapters.flatMap((a) => a.rules);
  const ruleIds = new Set(rules.map((r) => r.id));
  for (const id of [...(options.rules ?? []), ...(options.skip ?? [])]) {
    if (!ruleIds.has(id)) throw new UsageError(`unknown rule '${id}'; run 'awaitify rules' for the list`);
  }
  const selected = options.rules?.length ? new Set(options.rules) : undefined;
  const skipped = new Set(options.skip ?? []);
  const structural = new Set(rules.filter((r) => r.structural).map((r) => r.id));
  // Opt-in rules run only when `--rules` names them.
  const optIn = new Set(rules.filter((r) => r.optIn).map((r) => r.id));
  const isRuleEnabled = (id: string) => !skipped.has(id) && (optIn.has(id) ? Boolean(selected?.has(id)) : !selected || selected.has(id) || structural.has(id));
  const safetyLimit = SAFETY_RANK[options.safety ?? 'review'];
  const willApply = (safety: Safety) => safety !== 'manual' && SAFETY_RANK[safety] <= safetyLimit;

  const byExtension = new Map<string, LanguageAdapter>();
  for (const adapter of adapters) for (const ext of adapter.extensions) byExtension.set(ext, adapter);

  const results = new Map<string, FileResult>();
  const loaded = new Map<string, LoadedFile>();
  if (options.sources && options.write) throw new UsageError('in-memory sources cannot be written; write the returned output yourself');
  for (const source of options.sources ?? []) {
    const adapter = byExtension.get(extensionOf(source.path));
    if (!adapter) throw new UsageError(`${source.path}: not a file awaitify can migrate`);
    const text = source.text.startsWith('\uFEFF') ? source.text.slice(1) : source.text;
    loaded.set(source.path, {
      adapter,
      source: { text, bom: text !== source.text, encoding: 'utf-8' },
      text: { path: source.path, absPath: path.resolve(cwd, source.path), text },
    });
  }
  // The whole project under the root is analysed; only the files of the named paths (the scope) change.
  const root = options.sources ? cwd : findProjectRoot(options.paths ?? ['.'], cwd, options.root);
  const { files: discovered, scope } = options.sources ? { files: [], scope: undefined } : discoverProject(options.paths ?? ['.'], cwd, root, new Set(byExtension.keys()));
  const inScope = (file: string) => !scope || scope.has(file);
  let read = 0;
  for (const file of discovered) {
    const adapter = byExtension.get(extensionOf(file.absPath))!;
    const outcome = readSource(file.absPath, adapter.language);
    options.onProgress?.('read', ++read, discovered.length);
    if (!outcome.ok) {
      if (inScope(file.path)) results.set(file.path, { path: file.path, language: adapter.language, status: 'skipped', reason: outcome.reason, findings: [] });
      continue;
    }
    loaded.set(file.path, { adapter, source: outcome.source, text: { path: file.path, absPath: file.absPath, text: outcome.source.text } });
  }

  const targets: Targets = {};
  for (const adapter of adapters) Object.assign(targets, adapter.detectTargets(root));
  for (const [key, value] of Object.entries(options.targets ?? {})) if (value !== undefined) (targets as Record<string, string>)[key] = value;

  const plan: MigrationPlan = { entries: [], asyncFunctions: [], awaitedCalls: [], boundaries: [] };
  const findings: Finding[] = [];
  const created: { adapter: LanguageAdapter; file: NewFile }[] = [];
  const spans: FunctionSpan[] = [];
  const links: AwaitLink[] = [];
  for (const adapter of adapters) {
    const files = [...loaded.values()].filter((f) => f.adapter === adapter).map((f) => f.text);
    // A language with no file in the paths has nothing to change (no call crosses languages).
    if (files.length === 0 || (scope && !files.some((f) => scope.has(f.path)))) continue;
    const result = await adapter.analyze({
      root,
      files,
      ...(scope ? { scope } : {}),
      targets,
      entry: options.entry ?? 'handlers',
      api: options.api ?? (adapter.language === 'python' ? 'twin' : 'replace'),
      ...(options.toplevel ? { toplevel: options.toplevel } : {}),
      ...(options.offload?.length ? { offload: options.offload } : {}),
      isRuleEnabled,
      willApply,
      progress: (done, total) => options.onProgress?.(`analyse ${adapter.language}`, done, total),
    });
    for (const failure of result.failures) {
      const file = loaded.get(failure.path);
      loaded.delete(failure.path);
      // A file outside the paths that does not parse is not the run's to report as failed.
      if (!inScope(failure.path)) continue;
      results.set(failure.path, {
        path: failure.path,
        language: adapter.language,
        status: 'failed',
        reason: failure.message,
        line: failure.line,
        original: file?.text.text,
        findings: [],
      });
    }
    // Nothing outside the paths changes, and nothing there is reported but the calls that keep a function in them sync.
    findings.push(...result.findings.filter((f) => inScope(f.path)));
    if (scope) {
      // Unless the adapter's own finding at the function names every such call already.
      for (const f of outsideCallerFindings(result.plan, scope, adapter)) {
        const named = f.callers.every((c) => findings.some((o) => o.path === f.finding.path && o.line === f.finding.line && o.message.includes(c)));
        if (!named) findings.push(f.finding);
      }
    }
    for (const file of result.created ?? []) created.push({ adapter, file });
    spans.push(...(result.spans ?? []));
    links.push(...(result.awaitLinks ?? []));
    plan.entries.push(...result.plan.entries);
    plan.asyncFunctions.push(...result.plan.asyncFunctions);
    plan.awaitedCalls.push(...result.plan.awaitedCalls);
    plan.boundaries.push(...result.plan.boundaries);
  }

  const willApplyFinding = (f: Finding) => willApply(f.safety) && f.edits.length > 0 && loaded.has(f.path);
  const findingsByFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = findingsByFile.get(finding.path) ?? [];
    list.push(finding);
    findingsByFile.set(finding.path, list);
  }
  sortFindings(findings);
  const units = buildUnits(findings, plan, spans, links);

  // Files outside the paths were read for the analysis only.
  let outsideFiles = 0;
  for (const filePath of [...loaded.keys()]) {
    if (inScope(filePath)) continue;
    loaded.delete(filePath);
    outsideFiles++;
  }
  const analysed = new Map(results);

  const emit = async (selected?: ReadonlySet<string>): Promise<MigrateResult> => {
    for (const finding of findings) finding.applied = willApplyFinding(finding) && (!selected || selected.has(finding.unit!));
    const results = new Map(analysed);
    let done = 0;
    for (const [filePath, file] of loaded) {
      options.onProgress?.('apply', ++done, loaded.size);
      const fileFindings = findingsByFile.get(filePath) ?? [];
      results.set(filePath, await applyFile(file, fileFindings));
    }
    await addCreatedFiles(created, findings, results, root, Boolean(options.sources));
    // Findings on files that were not loaded (skipped/failed) are kept, not applied.
    for (const [filePath, list] of findingsByFile) {
      const result = results.get(filePath);
      if (result && result.findings.length === 0 && list.length) result.findings = list;
    }
    const files = [...results.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { root, files, outsideFiles, findings, plan, targets, rules, units };
  };

  const absOf = (p: string) => loaded.get(p)?.text.absPath ?? path.resolve(root, p);
  const outputs = (result: MigrateResult) =>
    result.files
      .filter((f) => f.status === 'changed')
      .map((f) => ({ absPath: absOf(f.path), created: f.created === true, bytes: f.created ? Buffer.from(f.output!, 'utf8') : encodeSource(f.output!, loaded.get(f.path)!.source) }));
  const dirtyFiles = (result: MigrateResult) => filesWithUncommittedChanges(result.files.filter((f) => f.status === 'changed' && !f.created).map((f) => absOf(f.path)));

  const write = (result: MigrateResult, allowDirty = false): void => {
    if (options.sources) throw new UsageError('in-memory sources cannot be written; write the returned output yourself');
    const changed = result.files.filter((f) => f.status === 'changed');
    if (!allowDirty) {
      const dirty = dirtyFiles(result);
      if (dirty.length) throw new DirtyTreeError(dirty);
    }
    // New files first: the changed files import them.
    for (const f of changed.filter((c) => c.created)) {
      try {
        createFileAtomic(path.resolve(root, f.path), Buffer.from(f.output!, 'utf8'));
      } catch (err) {
        f.status = 'failed';
        f.reason = `could not create: ${(err as Error).message}`;
        for (const d of changed) if (!d.created && d.findings.some((x) => x.applied && x.needsFile === f.path)) dependsOnFailed(d, f.path);
      }
    }
    for (const f of changed) {
      if (f.created || f.status !== 'changed') continue;
      const file = loaded.get(f.path)!;
      try {
        writeFileAtomic(file.text.absPath, encodeSource(f.output!, file.source));
      } catch (err) {
        f.status = 'failed';
        f.reason = `could not write: ${(err as Error).message}`;
      }
    }
  };

  return { root, units, changing: units.filter((u) => u.findings.some(willApplyFinding)), emit, outputs, dirtyFiles, write };
}

/**
 * The files under the root (honouring .gitignore and the skip lists) plus the
 * files the paths name (which may be ignored ones), and the scope: the
 * root-relative paths of the named files, or undefined when they are all the
 * project's files.
 */
function discoverProject(paths: string[], cwd: string, root: string, extensions: Set<string>): { files: DiscoveredFile[]; scope: Set<string> | undefined } {
  const named = discoverFiles(paths, cwd, extensions);
  const byAbs = new Map(discoverFiles(['.'], root, extensions).map((f) => [f.absPath, f]));
  const scope = new Set<string>();
  for (const f of named) {
    const rel = toPosix(path.relative(root, f.absPath));
    if (rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) {
      throw new UsageError(`${f.path}: outside the project root ${root}; pass --root with a directory that holds every path`);
    }
    scope.add(rel);
    if (!byAbs.has(f.absPath)) byAbs.set(f.absPath, { absPath: f.absPath, path: rel });
  }
  const files = [...byAbs.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, scope: files.every((f) => scope.has(f.path)) ? undefined : scope };
}

/** The rule a language reports boundaries under (its own boundary rule, else its propagation rule). */
const BOUNDARY_RULE_IDS = ['sync-boundary', 'async-propagation'];

/**
 * One manual finding per function of the paths that keeps its sync form because
 * code outside the paths calls it: at the function, naming every such call.
 */
function outsideCallerFindings(plan: MigrationPlan, scope: ReadonlySet<string>, adapter: LanguageAdapter): { finding: Finding; callers: string[] }[] {
  const rule = BOUNDARY_RULE_IDS.find((id) => adapter.rules.some((r) => r.id === id)) ?? OUTSIDE_SCOPE;
  const byFunction = new Map<string, PlanBoundary[]>();
  for (const b of plan.boundaries) {
    if (b.kind !== OUTSIDE_SCOPE || !b.calleePath || b.calleeLine === undefined || !scope.has(b.calleePath) || scope.has(b.path)) continue;
    const key = `${b.calleePath}:${b.calleeLine}:${b.callee}`;
    const list = byFunction.get(key) ?? [];
    if (!list.some((o) => o.path === b.path && o.line === b.line)) list.push(b);
    byFunction.set(key, list);
  }
  const findings: { finding: Finding; callers: string[] }[] = [];
  for (const list of byFunction.values()) {
    const { callee, calleePath, calleeLine } = list[0];
    list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
    const callers = list.map((b) => `${b.path}:${b.line} (${b.function === '<module>' ? 'module top-level code' : `\`${b.function}\``})`).join(', ');
    const twin = plan.asyncFunctions.some((f) => f.path === calleePath && f.name === callee && f.twin);
    const calls = list.length === 1 ? 'a call' : `${list.length} calls`;
    findings.push({ callers: list.map((b) => `${b.path}:${b.line}`), finding: {
      rule,
      path: calleePath!,
      line: calleeLine!,
      column: 1,
      safety: 'manual',
      edits: [],
      message: twin
        ? `\`${callee}\` keeps its sync form for ${calls} outside the paths of this run, which awaitify does not change: ${callers}; code in the paths uses its async twin. Run awaitify on paths that include ${list.length === 1 ? 'that call' : 'those calls'} (or on the whole project) to migrate them together.`
        : `\`${callee}\` stays sync: ${calls} outside the paths of this run would have to await it, and awaitify does not change ${list.length === 1 ? 'it' : 'them'}: ${callers}. Run awaitify on paths that include ${list.length === 1 ? 'that call' : 'those calls'} (or on the whole project) to migrate them together.`,
    } });
  }
  return findings;
}

async function applyFile(file: LoadedFile, findings: Finding[]): Promise<FileResult> {
  const { text, adapter } = file;
  const base: FileResult = {
    path: text.path,
    language: adapter.language,
    status: 'unchanged',
    original: text.text,
    output: text.text,
    bom: file.source.bom,
    encoding: file.source.encoding,
    findings,
  };
  const applied = findings.filter((f) => f.applied);
  if (applied.length === 0) return base;

  const edits = applied.flatMap((f) => f.edits);
  const imports = dedupeImports(applied.flatMap((f) => f.imports ?? []));
  if (imports.length) edits.push(...adapter.renderImports(text.path, text.text, imports));

  let output: string;
  try {
    output = applyEdits(text.text, edits, detectEol(text.text));
    const cleanup = adapter.cleanupImports?.(text.path, text.text, output);
    if (cleanup?.length) output = applyEdits(output, cleanup, detectEol(text.text));
  } catch (err) {
    for (const f of applied) f.applied = false;
    const message = err instanceof OverlappingEditsError ? `internal error, two rules edited the same text: ${err.message}` : (err as Error).message;
    return { ...base, status: 'failed', reason: `${message}; the file was left unchanged, please report this`, output: undefined };
  }
  if (output === text.text) return base;

  const syntaxError = await adapter.syntaxError(text.path, output);
  if (syntaxError) {
    for (const f of applied) f.applied = false;
    return {
      ...base,
      status: 'failed',
      line: syntaxError.line,
      reason: `the migrated code would not parse (line ${syntaxError.line}: ${syntaxError.message}); the file was left unchanged, please report this`,
      output: undefined,
    };
  }
  return { ...base, status: 'changed', output };
}

/**
 * Adds the new files that applied findings need, after checking that they
 * parse; a file whose helper cannot be created is failed, not written.
 */
async function addCreatedFiles(
  created: { adapter: LanguageAdapter; file: NewFile }[],
  findings: Finding[],
  results: Map<string, FileResult>,
  cwd: string,
  inMemory: boolean,
): Promise<void> {
  const seen = new Set<string>();
  for (const { adapter, file } of created) {
    if (seen.has(file.path)) continue;
    seen.add(file.path);
    const users = [...results.values()].filter((r) => r.status === 'changed' && r.findings.some((f) => f.applied && f.needsFile === file.path));
    if (users.length === 0) continue;
    let problem: string | undefined;
    if (results.has(file.path) || (!inMemory && existsSync(path.resolve(cwd, file.path)))) problem = `${file.path} already exists`;
    else {
      const error = await adapter.syntaxError(file.path, file.text);
      if (error) problem = `the generated ${file.path} would not parse (line ${error.line}: ${error.message}), please report this`;
    }
    if (problem) {
      for (const user of users) dependsOnFailed(user, file.path, problem);
      continue;
    }
    results.set(file.path, { path: file.path, language: adapter.language, status: 'changed', created: true, original: '', output: file.text, findings: [] });
  }
}

function dependsOnFailed(result: FileResult, helper: string, problem?: string): void {
  for (const f of result.findings) if (f.needsFile === helper) f.applied = false;
  result.status = 'failed';
  result.reason = `its migration imports ${helper}, which could not be created${problem ? ` (${problem})` : ''}; the file was left unchanged`;
  result.output = undefined;
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1)));
}
