// The pipeline: discover → parse/index/seed/plan (adapters) → emit → apply → verify → (write).
// One pipeline for every language; adapters are handed in, never imported here.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { detectEol, applyEdits, OverlappingEditsError } from './edits.js';
import { keepPrettierFormat } from './prettier.js';
import { discover, extensionOf, skipDirectoriesFrom, isInside, realpathOrSelf, toPosix, type SkippedPath } from './discover.js';
import { GLOB_CHARS, splitGlob } from './glob.js';
import { DEFAULT_MAX_FILE_SIZE, generatedReason, oversizeReason } from './limits.js';
import { dedupeImports } from './imports.js';
import { DirtyTreeError, UsageError } from './errors.js';
import { cacheDirectory, ContentCache } from './cache.js';
import { readSource, encodeSource, type DecodedSource } from './source.js';
import { findProjectRoot, OUTSIDE_SCOPE } from './scope.js';
import { buildUnits, reviewUnitsBoundByReview, reviewUnitsTestsCall } from './units.js';
import type { RunReuse } from './reuse.js';
import { shardRun, type ShardRun, type ShardSpec, type ShardSummary, type ShardWidening } from './shard.js';
import { suppressionOf, suppressionsOf, type Suppression, type SuppressedFinding } from './suppress.js';
import { filesWithUncommittedChanges, sha256, type FileSnapshot } from './write.js';
import { acquireLock, journalDir, orderWrites, pendingJournal, recoverProjectJournal, writeTransaction, type RecoveryReport, type WriteItem } from './journal.js';
import type { DiscoveredFile } from './discover.js';
import type {
  AdapterResult,
  AdapterRunContext,
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
  /**
   * Text that replaces what is on disk for these files (paths relative to cwd): editor
   * buffers, or a file read from stdin. The rest of the project is read from disk as usual,
   * so callers and definitions elsewhere are known. They are the run's paths unless `paths`
   * is given; a path that does not exist yet is analysed as a new file. Never written.
   */
  overlay?: { path: string; text: string }[];
  /**
   * Files that are analysed but never changed: patterns in .gitignore syntax, relative to
   * the root (`legacy/`, `**\/generated/*.ts`). Counted in the result, not listed.
   */
  exclude?: string[];
  /** Default process.cwd(). */
  cwd?: string;
  /** Apply to disk, as one transaction (see journal.ts): staged, journaled, then renamed; metadata and links kept. */
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
  /** Files larger than this many bytes are skipped with the reason (default 1 MiB). */
  maxFileSize?: number;
  /**
   * Changes to the directories never walked (SKIPPED_DIRECTORIES: node_modules, venv, dist, ...):
   * a name adds one, `!name` walks a default one (`['!vendor', 'generated']`).
   */
  skipDirectories?: string[];
  adapters: LanguageAdapter[];
  onProgress?: (phase: string, done: number, total: number) => void;
  /**
   * Keeps each language's analysis between runs and reuses it when that language's
   * input (every file's path and text, the options) is what it was: a language
   * server's re-analysis after an edit to a Python file does not redo the JS/TS
   * files. One entry per language; the caller keeps the map between runs. Its `memo`
   * is what the adapter keeps for the next run when the input changed (AdapterRunContext.memo).
   */
  analysisCache?: Map<string, AnalysisCacheEntry>;
  /**
   * The content-hash cache on disk (cache.ts): true for the project's own cache directory
   * (node_modules/.cache/awaitify, else .awaitify-cache), a path (relative to cwd) for
   * another. What a run computed from one file's text alone (Python syntax trees) is
   * read from it instead of computed again; the result is the same. Default: none.
   */
  cache?: boolean | string;
  /**
   * `--shard K/N`: report only the K-th of N contiguous parts of the project's files (cut at
   * package boundaries), analysing the package components that hold them (see shard.ts).
   */
  shard?: ShardSpec;
  /**
   * Kept by the caller between runs on the same project (a language server): the file list
   * and the texts read from disk, reused while they are provably the same (see reuse.ts).
   * Not used by a run that writes.
   */
  reuse?: RunReuse;
}

/** One language's entry of MigrateOptions.analysisCache. */
export interface AnalysisCacheEntry {
  key: string;
  result: AdapterResult;
  memo: Map<string, unknown>;
}

export interface MigrateResult {
  /** The project root: every path of the result is relative to it. */
  root: string;
  /** The files of the run's paths, the only ones it may change. */
  files: FileResult[];
  /** Files under the root outside the paths: analysed (callers, definitions), never changed. */
  outsideFiles: number;
  /** Files of the paths left unchanged because `exclude` matches them (counted in outsideFiles too). */
  excludedFiles: number;
  findings: Finding[];
  plan: MigrationPlan;
  targets: Targets;
  rules: RuleMeta[];
  /** Under `write`: what was done with the journal of an interrupted earlier run, before this one started. */
  recovered?: RecoveryReport;
  /** What the user should know that is not about one file (a lock taken over, a journal waiting for `awaitify recover`). */
  notes: string[];
  /** The migration units: every finding in exactly one (see units.ts). */
  units: MigrationUnit[];
  /** Set by --verify (verify.ts). */
  verify?: VerifySummary;
  /** Directories under the root the skip list kept from being read (relative to the root). */
  skippedDirectories: string[];
  /** Findings left out by an inline suppression comment (see suppress.ts); their units are held back. */
  suppressed: SuppressedFinding[];
  /** Under `shard`: which part this run reported and what it analysed. */
  shard?: ShardSummary;
}

const SAFETY_RANK: Record<Safety, number> = { safe: 0, review: 1, manual: 2 };

interface LoadedFile {
  adapter: LanguageAdapter;
  source: DecodedSource;
  text: SourceText;
  /**
   * Size and mtime of the file on disk when it was read. With the hash of the
   * bytes read (computed only for a file that is written, see `snapshotOf`) it
   * is compared with the file right before it is replaced.
   */
  stat?: { size: number; mtimeMs: number };
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
  /**
   * Writes the result's changed files as one transaction (see journal.ts); a file
   * that cannot be written is marked failed. The caller holds the project's lock.
   */
  write(result: MigrateResult, allowDirty?: boolean): Promise<void>;
}

/**
 * The migration. Under `write` the project's lock is held for the whole run,
 * and an unfinished journal of an interrupted run is completed first.
 */
export async function runMigration(options: MigrateOptions): Promise<MigrateResult> {
  const cwd = options.cwd ?? process.cwd();
  const once = async (write: boolean) => {
    const prepared = await prepareMigration(options);
    const result = await prepared.emit();
    if (write) await prepared.write(result, options.allowDirty);
    return result;
  };
  if (options.sources) return once(false);
  const root = findProjectRoot(options.paths ?? options.overlay?.map((o) => o.path) ?? ['.'], cwd, options.root);
  const notes: string[] = [];
  if (!options.write) {
    const pending = pendingJournal(root);
    if (pending) {
      notes.push(
        `an interrupted awaitify --write (pid ${pending.pid}, started ${pending.started}) left its journal in ${pending.dir}; ` +
          "run 'awaitify recover' to complete it (or 'awaitify recover --rollback' to undo it); this run shows the tree as it is now",
      );
    }
    const result = await once(false);
    result.notes.unshift(...notes);
    return result;
  }
  const release = acquireProjectLock(root, (note) => notes.push(note));
  try {
    const recovered = recoverProjectJournal(root, 'complete');
    const result = await once(true);
    result.notes.unshift(...notes);
    return recovered ? { ...result, recovered } : result;
  } finally {
    release();
  }
}

/**
 * Holds the project's write lock (a second `--write`, `recover` or `--verify`
 * refuses while it is held); returns its release. `onNote` hears of a stale
 * lock taken over.
 */
export function acquireProjectLock(root: string, onNote: (note: string) => void): () => void {
  return acquireLock(journalDir(root), onNote);
}

/**
 * Analyses the project once (see PreparedMigration). Files are read by their
 * real paths; each one's hash, size and mtime are kept, so that `write` never
 * replaces a file that changed since.
 */
export async function prepareMigration(options: MigrateOptions, shardWidening?: ShardWidening): Promise<PreparedMigration> {
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
  if (options.overlay && options.write) throw new UsageError('in-memory text cannot be written; write the returned output yourself');
  const overlay = new Map<string, string>();
  for (const o of options.overlay ?? []) {
    if (!byExtension.has(extensionOf(o.path))) throw new UsageError(`${o.path}: not a file awaitify can migrate (known extensions: ${[...byExtension.keys()].sort().join(' ')})`);
    overlay.set(realpathOrSelf(path.resolve(cwd, o.path)), o.text);
  }
  const paths = options.paths ?? (options.overlay ? options.overlay.map((o) => o.path) : ['.']);
  // The whole project under the root is analysed; only the files of the named paths (the scope) change.
  // The root by its real path: every file is read and written by its real path, and must lie below it.
  const root = options.sources ? cwd : realpathOrSelf(findProjectRoot(paths, cwd, options.root));
  const skipDirectories = skipDirectoriesFrom(options.skipDirectories);
  const reuse = options.write ? undefined : options.reuse;
  let walked = false;
  const walk = () => ((walked = true), discoverProject(paths, cwd, root, new Set(byExtension.keys()), overlay, skipDirectories));
  const project = options.sources ? undefined : reuse ? reuse.discover(discoveryKey(paths, cwd, root, byExtension, overlay, skipDirectories), walk) : walk();
  if (options.shard && !project) throw new UsageError('--shard needs a project on disk: in-memory sources are one part already');
  const shard: ShardRun | undefined = options.shard && project ? shardRun(root, project.files, (f) => byExtension.get(extensionOf(f))!.language, options.shard, shardWidening) : undefined;
  const discovered = shard ? project!.files.filter((f) => shard.analysed.has(f.path)) : (project?.files ?? []);
  const excluded = excludedFromScope(project, options.exclude);
  const scope = excluded.scope;
  const inScope = (file: string) => !scope || scope.has(file);
  const skip = (file: string, language: LanguageAdapter['language'] | undefined, reason: string) => {
    results.set(file, { path: file, ...(language ? { language } : {}), status: 'skipped', reason, findings: [] });
  };
  for (const s of project?.skipped ?? []) if (!shard || shard.owns(s.path)) skip(s.path, byExtension.get(extensionOf(s.path))?.language, s.reason);
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let read = 0;
  for (const file of discovered) {
    const adapter = byExtension.get(extensionOf(file.absPath))!;
    options.onProgress?.('read', ++read, discovered.length);
    // Text given in place of the file (stdin, an editor buffer) is analysed as it is.
    const text = overlay.get(file.absPath);
    // Stat before reading: a change made while the file is read shows later as a change.
    const stat = text === undefined ? statOrUndefined(file.absPath) : undefined;
    if (reuse && !walked && text === undefined && !stat) {
      // A kept file list that names a file gone since: the project is walked again.
      reuse.filesAddedOrRemoved();
      return prepareMigration(options, shardWidening);
    }
    // Checked before the file is opened; a file outside the paths over the limit is not analysed either.
    const tooLarge = text === undefined ? oversizeReason((reuse ? stat?.size : file.size) ?? 0, maxFileSize) : undefined;
    const outcome: ReturnType<typeof readSource> =
      text !== undefined
        ? { ok: true, source: { text: text.replace(/^\uFEFF/, ''), bom: text.startsWith('\uFEFF'), encoding: 'utf-8' } }
        : tooLarge
          ? { ok: false, reason: tooLarge }
          : reuse && stat
            ? reuse.read(file.absPath, stat, () => readSource(file.absPath, adapter.language))
            : readSource(file.absPath, adapter.language);
    const generated = outcome.ok ? generatedReason(outcome.source.text) : undefined;
    if (!outcome.ok || generated) {
      if (inScope(file.path)) skip(file.path, adapter.language, outcome.ok ? generated! : outcome.reason);
      continue;
    }
    loaded.set(file.path, { adapter, source: outcome.source, text: { path: file.path, absPath: file.absPath, text: outcome.source.text }, ...(stat ? { stat: { size: stat.size, mtimeMs: stat.mtimeMs } } : {}) });
  }

  const targets: Targets = {};
  for (const adapter of adapters) Object.assign(targets, adapter.detectTargets(root));
  for (const [key, value] of Object.entries(options.targets ?? {})) if (value !== undefined) (targets as Record<string, string>)[key] = value;

  const contentCache = options.cache && project ? new ContentCache(cacheDirectory(root, typeof options.cache === 'string' ? options.cache : undefined, cwd)) : undefined;
  const plan: MigrationPlan = { entries: [], asyncFunctions: [], awaitedCalls: [], boundaries: [] };
  const findings: Finding[] = [];
  const created: { adapter: LanguageAdapter; file: NewFile }[] = [];
  const spans: FunctionSpan[] = [];
  const links: AwaitLink[] = [];
  for (const adapter of adapters) {
    const files = [...loaded.values()].filter((f) => f.adapter === adapter).map((f) => f.text);
    // A language with no file in the paths has nothing to change (no call crosses languages).
    if (files.length === 0 || (scope && !files.some((f) => scope.has(f.path)))) continue;
    const context: AdapterRunContext = {
      root,
      files,
      ...(scope ? { scope } : {}),
      targets,
      entry: options.entry ?? 'handlers',
      api: options.api ?? (adapter.language === 'python' ? 'twin' : 'replace'),
      ...(options.toplevel ? { toplevel: options.toplevel } : {}),
      ...(options.offload?.length ? { offload: options.offload } : {}),
      ...(project ? { createIn: project.createIn } : {}),
      isRuleEnabled,
      willApply,
      progress: (done, total) => options.onProgress?.(`analyse ${adapter.language}`, done, total),
      ...(contentCache ? { cache: contentCache } : {}),
    };
    const cached = options.analysisCache?.get(adapter.language);
    const memo = cached?.memo ?? new Map<string, unknown>();
    const cacheKey = options.analysisCache && analysisKey(context, adapter, safetyLimit, memo);
    const result = cached && cached.key === cacheKey ? cached.result : await adapter.analyze(cacheKey ? { ...context, memo } : context);
    if (cacheKey) options.analysisCache!.set(adapter.language, { key: cacheKey, result, memo });
    for (const failure of result.failures) {
      const file = loaded.get(failure.path);
      loaded.delete(failure.path);
      // A file outside the paths that does not parse is not the run's to report as failed.
      if (!inScope(failure.path)) continue;
      results.set(failure.path, {
        path: failure.path,
        language: adapter.language,
        status: failure.skip ? 'skipped' : 'failed',
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
  contentCache?.finish();

  if (shard) {
    // What the shard's components cannot show it (see shard.ts): the components that can are analysed too.
    const widen = shard.check(plan, created.map((c) => c.file.path), [...loaded.values()].map((f) => f.text));
    if (widen) return prepareMigration(options, widen);
  }

  // Each file's findings keep the adapters' order: edits at one position apply in that order.
  const adapterOrder = [...findings];
  sortFindings(findings);
  const allUnits = buildUnits(findings, plan, spans, links);
  const { suppressed, units } = applySuppressions(findings, allUnits, loaded, structural);
  reviewUnitsBoundByReview(units);
  reviewUnitsTestsCall(units);
  const willApplyFinding = (f: Finding) => willApply(f.safety) && f.edits.length > 0 && loaded.has(f.path) && f.heldBy === undefined;
  const findingsByFile = new Map<string, Finding[]>();
  const reported = new Set(findings);
  for (const finding of adapterOrder) {
    if (!reported.has(finding)) continue;
    const list = findingsByFile.get(finding.path) ?? [];
    list.push(finding);
    findingsByFile.set(finding.path, list);
  }

  // Files outside the paths were read for the analysis only.
  let outsideFiles = 0;
  for (const filePath of [...loaded.keys()]) {
    // Another shard's file, analysed for what it tells this shard's files.
    if (shard && !shard.owns(filePath)) {
      loaded.delete(filePath);
      continue;
    }
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
    const files = [...results.values()].filter((f) => !shard || shard.owns(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const result: MigrateResult = { root, files, outsideFiles, excludedFiles: excluded.count, findings, plan, targets, rules, units, notes: [], suppressed, skippedDirectories: project?.skippedDirectories ?? [] };
    return shard ? shard.report(result) : result;
  };

  const absOf = (p: string) => loaded.get(p)?.text.absPath ?? path.resolve(root, p);
  const outputs = (result: MigrateResult) =>
    result.files
      .filter((f) => f.status === 'changed')
      .map((f) => ({ absPath: absOf(f.path), created: f.created === true, bytes: f.created ? Buffer.from(f.output!, 'utf8') : encodeSource(f.output!, loaded.get(f.path)!.source) }));
  const dirtyFiles = (result: MigrateResult) => filesWithUncommittedChanges(result.files.filter((f) => f.status === 'changed' && !f.created).map((f) => absOf(f.path)));

  const write = async (result: MigrateResult, allowDirty = false): Promise<void> => {
    if (options.sources || options.overlay) throw new UsageError('in-memory text cannot be written; write the returned output yourself');
    if (!allowDirty) {
      const dirty = dirtyFiles(result);
      if (dirty.length) throw new DirtyTreeError(dirty);
    }
    await writeFiles(journalDir(root), root, result.files, loaded, plan, adapters);
  };

  return { root, units, changing: units.filter((u) => u.findings.some(willApplyFinding)), emit, outputs, dirtyFiles, write };
}

/** What an adapter's analysis depends on, hashed: the files (paths and texts) and the options it is given. */
/**
 * The key of a language's analysis: its settings and every file's path and text. Each text
 * goes in by its own hash, kept in the language's memo with the text it was taken of: after
 * an edit only the changed texts are hashed again.
 */
function analysisKey(context: AdapterRunContext, adapter: LanguageAdapter, safetyLimit: number, memo: Map<string, unknown>): string {
  const hash = createHash('sha256');
  const { files, scope, isRuleEnabled, progress, cache, ...rest } = context;
  void progress;
  void cache;
  const enabled = adapter.rules.filter((r) => isRuleEnabled(r.id)).map((r) => r.id);
  hash.update(JSON.stringify({ ...rest, scope: scope ? [...scope].sort() : null, enabled, safetyLimit }));
  const kept = (memo.get(TEXT_DIGESTS) as Map<string, { text: string; digest: string }> | undefined) ?? new Map();
  const digests = new Map<string, { text: string; digest: string }>();
  for (const file of files) {
    const was = kept.get(file.absPath);
    const digest = was && was.text === file.text ? was.digest : createHash('sha256').update(file.text).digest('hex');
    digests.set(file.absPath, { text: file.text, digest });
    hash.update(`\0${file.path}\0${file.absPath}\0${digest}`);
  }
  memo.set(TEXT_DIGESTS, digests);
  return hash.digest('hex');
}

/** The memo's entry of analysisKey's text hashes, by absolute path. */
const TEXT_DIGESTS = 'core:text-digests';

/**
 * Takes the findings an inline comment suppresses out of `findings` (in place) and out of
 * their units. A suppressed finding that would have changed code holds its whole unit back
 * (the function stays as it is, and so do the calls that would await it): the other findings
 * of the unit stay in the report, never applied, with `heldBy` naming the comment.
 */
function applySuppressions(
  findings: Finding[],
  units: MigrationUnit[],
  loaded: Map<string, LoadedFile>,
  structural: ReadonlySet<string>,
): { suppressed: SuppressedFinding[]; units: MigrationUnit[] } {
  const byFile = new Map<string, Map<number, Suppression[]> | undefined>();
  const hits = new Map<Finding, Suppression>();
  for (const f of findings) {
    if (!byFile.has(f.path)) {
      const file = loaded.get(f.path);
      byFile.set(f.path, file && file.text.text.includes('awaitify') ? suppressionsOf(file.text.text, file.adapter.language) : undefined);
    }
    const hit = suppressionOf(f, byFile.get(f.path));
    if (hit) hits.set(f, hit);
  }
  if (!hits.size) return { suppressed: [], units };
  const holders = new Map<string, string>();
  for (const [f, s] of hits) if (f.edits.length && !holders.has(f.unit!)) holders.set(f.unit!, `${f.path}:${s.line}`);
  // A held unit whose remaining changes are only consequences (structural rules: the async it would
  // have propagated, the error forwarding it would have needed) has nothing left to report: they go
  // with the suppressed site. A unit that still holds another blocking call keeps reporting it all.
  const consequences = new Set<Finding>();
  for (const unit of units) {
    if (!holders.has(unit.id)) continue;
    const rest = unit.findings.filter((f) => !hits.has(f) && f.edits.length);
    if (rest.every((f) => structural.has(f.rule))) for (const f of rest) consequences.add(f);
  }
  const kept = findings.filter((f) => !hits.has(f) && !consequences.has(f));
  for (const f of kept) if (holders.has(f.unit!)) f.heldBy = holders.get(f.unit!);
  const suppressed = [...hits].map(([f, s]) => ({
    rule: f.rule,
    path: f.path,
    line: f.line,
    column: f.column,
    message: f.message,
    commentLine: s.line,
    heldBack: f.edits.length ? findings.filter((o) => o.unit === f.unit && !hits.has(o) && o.edits.length).length : 0,
  }));
  findings.splice(0, findings.length, ...kept);
  const reported = new Set(kept);
  const remaining = units.map((u) => ({ ...u, findings: u.findings.filter((f) => reported.has(f)) })).filter((u) => u.findings.length);
  return { suppressed, units: remaining };
}

/** The file as it was read: the bytes it decoded from (encoding and BOM kept), hashed, with its size and mtime then. */
function snapshotOf(file: LoadedFile, stat: { size: number; mtimeMs: number }): FileSnapshot {
  return { sha256: sha256(encodeSource(file.source.text, file.source)), size: stat.size, mtimeMs: stat.mtimeMs };
}

function statOrUndefined(absPath: string): { size: number; mtimeMs: number } | undefined {
  try {
    return statSync(absPath);
  } catch {
    return undefined;
  }
}

/**
 * Writes the changed files as one transaction, in an order where a file comes
 * after the files it requires (see `writeRequirements`). A file not written
 * (changed during the run, or requiring one that was not written) is failed
 * with the reason.
 */
async function writeFiles(
  journal: string,
  root: string,
  files: FileResult[],
  loaded: Map<string, LoadedFile>,
  plan: MigrationPlan,
  adapters: LanguageAdapter[],
): Promise<void> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const requires = writeRequirements(files, plan, adapters);
  // A file that requires one that failed before the write (it did not parse, its helper could not be created) fails too.
  for (let settled = false; !settled; ) {
    settled = true;
    for (const f of files) {
      if (f.status !== 'changed') continue;
      const need = requires.get(f.path)?.find((r) => byPath.get(r.path)?.status === 'failed');
      if (!need) continue;
      failWrite(f, `not written: ${need.why}, and ${need.path} failed`);
      settled = false;
    }
  }
  const items: WriteItem[] = orderWrites(
    files
      .filter((f) => f.status === 'changed')
      .map((f) => {
        const file = loaded.get(f.path);
        return {
          path: f.path,
          absPath: file ? file.text.absPath : path.resolve(root, f.path),
          bytes: file ? encodeSource(f.output!, file.source) : Buffer.from(f.output!, 'utf8'),
          ...(file?.stat ? { before: snapshotOf(file, file.stat) } : {}),
          requires: (requires.get(f.path) ?? []).filter((r) => byPath.get(r.path)?.status === 'changed'),
        };
      }),
  );
  const outcome = await writeTransaction(journal, items);
  for (const [filePath, reason] of outcome.failed) failWrite(byPath.get(filePath)!, reason);
}

function failWrite(f: FileResult, reason: string): void {
  f.status = 'failed';
  f.reason = reason;
  for (const finding of f.findings) finding.applied = false;
  f.output = undefined;
}

/**
 * For each changed file, the files that must be written for it to be written
 * (and before it):
 * - a file whose function becomes async requires the files that await it
 *   (written first, their `await` of a still-sync value is harmless in
 *   JavaScript); where awaiting a sync value is an error (Python), the caller
 *   requires the callee too, a cycle no order avoids;
 * - a file that calls an async twin requires the file that adds the twin;
 * - a file that imports a created helper requires the helper.
 */
function writeRequirements(files: FileResult[], plan: MigrationPlan, adapters: LanguageAdapter[]): Map<string, { path: string; why: string }[]> {
  const requires = new Map<string, { path: string; why: string }[]>();
  const add = (file: string, needed: string, why: string) => {
    const list = requires.get(file) ?? [];
    if (!list.some((r) => r.path === needed)) list.push({ path: needed, why });
    requires.set(file, list);
  };
  const byPath = new Map(files.map((f) => [f.path, f]));
  const harmless = (p: string) => adapters.find((a) => a.language === byPath.get(p)?.language)?.awaitOnSyncValueIsHarmless === true;
  const asyncById = new Map(plan.asyncFunctions.map((f) => [f.id, f]));
  for (const call of plan.awaitedCalls) {
    const callee = call.calleeId ? asyncById.get(call.calleeId) : undefined;
    if (!callee || callee.path === call.path || !byPath.has(call.path) || !byPath.has(callee.path)) continue;
    if (callee.twin) {
      add(call.path, callee.path, `it calls the async twin of \`${callee.name}\`, which ${callee.path} adds`);
      continue;
    }
    add(callee.path, call.path, `\`${callee.name}\` becomes async, and ${call.path}:${call.line} must await it`);
    if (!harmless(call.path)) add(call.path, callee.path, `it awaits \`${callee.name}\`, which is not async until ${callee.path} is written`);
  }
  for (const f of files) {
    for (const finding of f.findings) if (finding.applied && finding.needsFile) add(f.path, finding.needsFile, `it imports ${finding.needsFile}, which this run creates`);
  }
  return requires;
}

/** What discoverProject's answer depends on besides the disk: MigrateOptions.reuse keeps the answer under it. */
function discoveryKey(paths: string[], cwd: string, root: string, byExtension: ReadonlyMap<string, unknown>, overlay: ReadonlyMap<string, string>, skipDirectories: ReadonlySet<string>): string {
  // A path only in the overlay (a buffer not saved yet) is named as it is.
  const named = paths.map((p) => [p, overlay.has(realpathOrSelf(path.resolve(cwd, p))) && !existsSync(path.resolve(cwd, p))]);
  return JSON.stringify({ named, cwd, root, extensions: [...byExtension.keys()].sort(), skipDirectories: [...skipDirectories].sort() });
}

/**
 * The files under the root (honouring .gitignore and the skip lists) plus the
 * files the paths name (which may be ignored ones), every one by its real path
 * and inside the root; the paths the named ones skipped, with the reasons; the
 * scope: the root-relative paths of the named files, or undefined when they
 * are all the project's files; and the directories the run may create files
 * in (the named directories, and a glob's literal base).
 */
function discoverProject(
  paths: string[],
  cwd: string,
  root: string,
  extensions: Set<string>,
  overlay: ReadonlyMap<string, string>,
  skipDirectories: ReadonlySet<string>,
): { files: DiscoveredFile[]; skipped: SkippedPath[]; skippedDirectories: string[]; scope: Set<string> | undefined; createIn: string[] } {
  // A path that only exists in the overlay (a new editor buffer) is named as it is.
  const onDisk = paths.filter((p) => !overlay.has(realpathOrSelf(path.resolve(cwd, p))) || existsSync(path.resolve(cwd, p)));
  const named = onDisk.length ? discover(onDisk, cwd, extensions, { root, skipDirectories }) : { files: [] as DiscoveredFile[], skipped: [], skippedDirectories: [] as string[] };
  for (const p of paths) {
    if (onDisk.includes(p)) continue;
    const absPath = realpathOrSelf(path.resolve(cwd, p));
    named.files.push({ absPath, path: toPosix(path.relative(root, absPath)) });
  }
  // One directory that is the root itself: the walk just made is the root's walk, no need to walk it twice.
  const namedIsRoot = paths.length === 1 && onDisk.length === 1 && statSync(path.resolve(cwd, paths[0]!), { throwIfNoEntry: false })?.isDirectory() === true && realpathOrSelf(path.resolve(cwd, paths[0]!)) === realpathOrSelf(root);
  const whole = namedIsRoot ? named : discover(['.'], root, extensions, { root, skipDirectories });
  const byAbs = new Map(whole.files.map((f) => [f.absPath, f]));
  const scope = new Set<string>();
  for (const f of named.files) {
    scope.add(f.path);
    if (!byAbs.has(f.absPath)) byAbs.set(f.absPath, f);
  }
  const files = [...byAbs.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const createIn: string[] = [];
  for (const input of paths) {
    const dir = namedDirectory(input, cwd);
    if (dir && isInside(dir, root)) createIn.push(dir);
  }
  return { files, skipped: named.skipped, skippedDirectories: whole.skippedDirectories, scope: files.every((f) => scope.has(f.path)) ? undefined : scope, createIn };
}

/** The real directory a path names: itself, or a glob's literal part before the first wildcard (`src/**\/*.js` → src). */
function namedDirectory(input: string, cwd: string): string | undefined {
  const posix = toPosix(input);
  // A literal path first: `app/[id]` is a Next.js folder, not a pattern.
  for (const abs of [path.resolve(cwd, posix), ...(GLOB_CHARS.test(posix) ? [path.resolve(cwd, ...splitGlob(posix).base)] : [])]) {
    try {
      return statSync(abs).isDirectory() ? realpathOrSelf(abs) : undefined;
    } catch {
      // Not there: the pattern's base, if any.
    }
  }
  return undefined;
}

/**
 * The scope less the files `exclude` matches, and how many it took out. An
 * excluded file is still analysed, like any file outside the paths.
 */
function excludedFromScope(project: { files: DiscoveredFile[]; scope: Set<string> | undefined } | undefined, patterns: readonly string[] | undefined): { scope: Set<string> | undefined; count: number } {
  if (!project || !patterns?.length) return { scope: project?.scope, count: 0 };
  const matcher = ignore().add([...patterns]);
  const scope = new Set<string>();
  let count = 0;
  for (const f of project.files) {
    if (project.scope && !project.scope.has(f.path)) continue;
    if (matcher.ignores(f.path)) count++;
    else scope.add(f.path);
  }
  return { scope: count ? scope : project.scope, count };
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
  // A file that was prettier-clean stays so (the project's own prettier and options, when it has them).
  output = await keepPrettierFormat(text.absPath, text.text, output);
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
  failWrite(result, `its migration imports ${helper}, which could not be created${problem ? ` (${problem})` : ''}; the file was left unchanged`);
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1)));
}

export interface RecoverOptions {
  /** A path in the project (default '.'), relative to cwd; the root is found from it as for `migrate`. */
  path?: string;
  root?: string;
  cwd?: string;
  /** Undo the interrupted run's written files instead of completing it. */
  rollback?: boolean;
}

/**
 * Completes (or rolls back) the journal an interrupted `--write` left, under
 * the project's lock; undefined when there is none. Throws LockedError when
 * a run is still going.
 */
export function recoverProject(options: RecoverOptions): { root: string; journal: string; report: RecoveryReport | undefined; notes: string[] } {
  const cwd = options.cwd ?? process.cwd();
  const root = findProjectRoot([options.path ?? '.'], cwd, options.root);
  const dir = journalDir(root);
  const notes: string[] = [];
  const release = acquireLock(dir, (note) => notes.push(note));
  try {
    return { root, journal: dir, report: recoverProjectJournal(root, options.rollback ? 'rollback' : 'complete'), notes };
  } finally {
    release();
  }
}
