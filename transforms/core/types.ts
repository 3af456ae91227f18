// The data every part of awaitify speaks: findings, edits, the migration plan,
// per-file results, and the contract a language adapter fulfils.
// This module (like all of transforms/core) imports no parser.
import type { ContentCache } from './cache.js';

export type Language = 'typescript' | 'python';

/**
 * safe:   behaviour-preserving under the rule's stated assumptions; applied.
 * review: applied, but a person should read it.
 * manual: never applied; the message says what to do.
 */
export type Safety = 'safe' | 'review' | 'manual';

export const SAFETY_LEVELS: readonly Safety[] = ['safe', 'review', 'manual'];

/** A replacement of source text `[start, end)` (UTF-16 offsets into the decoded text) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * An import a rule needs. The adapter that created the finding has already
 * chosen `local` (the name the edits use); the core dedupes requests per file
 * and asks the adapter to render the survivors once, in the file's own style.
 */
export interface ImportRequest {
  /** Module as the rule wants it: 'fs/promises', 'util', 'asyncio', 'asgiref.sync'. */
  module: string;
  /** 'named': `import { name as local }` / `from module import name as local`;
   *  'namespace': `import * as local` / `import module`;
   *  'default': `import local from`. */
  kind: 'named' | 'namespace' | 'default';
  /** The exported name, for 'named'. */
  name?: string;
  /** The local binding the edits refer to. */
  local: string;
}

export interface Finding {
  /** Rule id, kebab-case, naming the blocking pattern (e.g. `fs-sync-read`). */
  rule: string;
  /** Path relative to the run's root, with forward slashes. */
  path: string;
  /** 1-based line and column of the site. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  safety: Safety;
  edits: TextEdit[];
  imports?: ImportRequest[];
  /**
   * Path (relative to the root) of a file the adapter creates in this run that
   * the edits need (a helper module they import). The file is created when at
   * least one finding that needs it is applied, and never otherwise.
   */
  needsFile?: string;
  /** Set by the core: whether the edits were applied to the output. */
  applied?: boolean;
  /**
   * Keys of what this finding must be applied together with, beyond what the core sees from
   * the plan (the function that holds it, the calls it awaits): findings sharing a key are one
   * migration unit; `functionKey(path, line)` names the function declared at that line.
   */
  groups?: string[];
  /**
   * The rest of the unit is wrong without this finding's edits (a Koa middleware upstream that
   * must await `next()` once the downstream became async): when the finding is not `safe`,
   * neither is the rest of its unit, so `--safety safe` leaves the whole unit out.
   */
  bindsUnit?: boolean;
  /** Set by the core: the id of the migration unit the finding belongs to (see MigrationUnit). */
  unit?: string;
  /**
   * Set by the core: `path:line` of the inline suppression comment that holds this finding's
   * unit back (the finding is then never applied; see suppress.ts).
   */
  heldBy?: string;
}

/** What `--verify '<command>'` found: the runs, and the units it backed out. */
export interface VerifySummary {
  command: string;
  /** Every run of the command, the baseline runs included. */
  runs: number;
  /** Runs of the untouched tree (two when per-test results could be read, to spot flaky tests). */
  baselineRuns: number;
  /** How results were compared: per test, by summary counts, or by exit code. */
  compared: 'tests' | 'summary' | 'exit-code';
  /** Units that change something, and how many of them were kept. */
  units: number;
  kept: number;
  backedOut: { unit: string; label: string; tests: string[]; failure: string }[];
  /** Tests that passed in every baseline run (what each candidate must keep passing; 0 unless compared per test). */
  baselinePassing: number;
  /** Tests that failed on the baseline (ignored), and tests that flipped between identical runs (ignored from then on). */
  baselineFailing: number;
  flaky: string[];
  /** Whether --verify-budget stopped the search; units it could not clear were backed out. */
  budgetExhausted: boolean;
  elapsedMs: number;
}

/** A function's extent in its file, for grouping findings by the function that holds them. */
export interface FunctionSpan {
  path: string;
  name: string;
  /** 1-based first and last line and column (decorators included where the language has them). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A migration unit: findings that must be applied together, or not at all, to
 * leave consistent code (a function made async with every caller it changes and
 * what they await, a twin with its users, the edits that share a function). Any
 * subset of a run's units can be applied on its own.
 */
export interface MigrationUnit {
  /** 'u1', 'u2', ... in the order of their first finding. */
  id: string;
  /** One line: what the unit changes. */
  label: string;
  /** Functions the unit makes async (names). */
  functions: string[];
  findings: Finding[];
}

/** A function the plan makes async, with the reason. */
export interface PlanFunction {
  id: string;
  path: string;
  name: string;
  line: number;
  /** 'blocking-call': contains a rewritten blocking call; 'calls-async': awaits a function that became async. */
  reason: 'blocking-call' | 'calls-async';
  /** For 'calls-async': the id of the first callee that made it async. */
  via?: string;
  /** Kept beside a sync twin (the `--api twin` policy): callers that must stay sync keep the old name. */
  twin?: boolean;
}

export interface PlanSite {
  path: string;
  line: number;
  column: number;
}

/** A call of an async (or newly async) function that receives `await`. */
export interface PlanAwait extends PlanSite {
  caller: string;
  callee: string;
  /** The id of the callee in `asyncFunctions`, when it becomes async in this run (the write order needs it). */
  calleeId?: string;
}

/** Where propagation stopped, and why. */
export interface PlanBoundary extends PlanSite {
  /** The function that could not become async (or '<module>' for top-level code). */
  function: string;
  /** The function that would have needed awaiting. */
  callee: string;
  kind: string;
  reason: string;
  /** Where the function that stays sync (or keeps a sync twin) is declared, when known. */
  calleePath?: string;
  calleeLine?: number;
}

export interface PlanEntry extends PlanSite {
  name: string;
  framework: string;
}

/** The migration plan: data, computed before any text changes. */
export interface MigrationPlan {
  entries: PlanEntry[];
  asyncFunctions: PlanFunction[];
  awaitedCalls: PlanAwait[];
  boundaries: PlanBoundary[];
}

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'failed';

export interface FileResult {
  path: string;
  language?: Language;
  status: FileStatus;
  /** Why skipped or failed (with a line where one is known). */
  reason?: string;
  line?: number;
  /** Decoded original and migrated text (identical when unchanged). */
  original?: string;
  output?: string;
  /** How the file is stored: a UTF-8 byte order mark, and the encoding (utf-8 or a declared single-byte one). */
  bom?: boolean;
  encoding?: string;
  findings: Finding[];
  /** A file this run creates (it did not exist): `original` is empty. */
  created?: boolean;
}

/** Versions of the things the output must stay compatible with. */
export interface Targets {
  django?: string;
  python?: string;
  node?: string;
  express?: string;
  framework?: string;
}

/** A decoded source file handed to an adapter. */
export interface SourceText {
  /** Path relative to the root, forward slashes. */
  path: string;
  absPath: string;
  text: string;
}

export interface RuleDocs {
  /** One sentence. */
  summary: string;
  whatItDoes: string;
  why: string;
  example: { before: string; after: string };
  safety: string;
}

export interface RuleMeta {
  id: string;
  language: Language;
  docs: RuleDocs;
  /** Default safety class of the rule's findings (a finding may differ). */
  safety: Safety;
  /** Minimum target versions the rule's output needs, e.g. { django: '4.1' }. */
  minTargets?: Partial<Record<keyof Targets, string>>;
  /** Structural rules (async propagation) run whenever the plan needs them. */
  structural?: boolean;
  /** File extension for the docs' examples and fixtures, without the dot. */
  exampleExt?: string;
  /** Opt-in rules run only when named in `--rules` (they change code in ways nobody asked for by default). */
  optIn?: boolean;
}

export type EntryPolicy = 'handlers' | 'all' | string;
export type ApiPolicy = 'replace' | 'twin';
/**
 * Module top level that must await: 'keep' leaves it sync and reports it (default: start-up code stays sync);
 * 'await' lets an ES module that no project file require()s use top-level await; 'iife' does that too and wraps
 * a CommonJS script's top level in an async IIFE.
 */
export type TopLevelPolicy = 'keep' | 'await' | 'iife';

/** What the core hands an adapter. */
export interface AdapterRunContext {
  /** The project root: every path is relative to it. */
  root: string;
  /** Every source file of the project under the root (tests, scripts and other folders included). */
  files: SourceText[];
  /**
   * The write scope: the paths (relative to the root) the user named. Files
   * outside it are analysed (what they define, what they call) but never
   * changed, and a function inside it that one of their calls would have to
   * await keeps its sync form for that call. Undefined: every file is in scope.
   */
  scope?: ReadonlySet<string>;
  targets: Targets;
  entry: EntryPolicy;
  api: ApiPolicy;
  /** Undefined means 'keep'. */
  toplevel?: TopLevelPolicy;
  /** Whether a rule is selected by `--rules` / `--skip`. */
  isRuleEnabled(ruleId: string): boolean;
  /** Whether a finding of this safety will be applied under `--safety`. */
  willApply(safety: Safety): boolean;
  /** Functions to run on a worker thread (`--offload path-glob:name`): CPU-heavy module functions. */
  offload?: string[];
  /**
   * Real paths of the directories a new file (the offload helper) may be created in: the directories
   * the user named. A file the findings need anywhere else is not created, and those findings are
   * manual with the reason. Undefined: anywhere under the root (in-memory runs).
   */
  createIn?: string[];
  /** Progress: called with the number of files analysed so far. */
  progress?(done: number, total: number): void;
  /**
   * Kept by the caller between runs on the same project (MigrateOptions.analysisCache): the
   * adapter may keep here what it computed for files whose text does not change (parsed trees),
   * provided a run gives exactly what it gives without it.
   */
  memo?: Map<string, unknown>;
  /**
   * The content-hash cache on disk (MigrateOptions.cache): the adapter may keep there what it
   * computes from one file's text alone, keyed by that text (see cache.ts).
   */
  cache?: ContentCache;
}

export interface AdapterFailure {
  path: string;
  line?: number;
  message: string;
  /** Not code the adapter could have migrated (JSON data in a .js file): reported as skipped, not failed. */
  skip?: boolean;
}

export interface AdapterResult {
  findings: Finding[];
  plan: MigrationPlan;
  /** Files the adapter could not analyse (parse errors): skipped, the run goes on. */
  failures: AdapterFailure[];
  /** New files the findings' edits rely on (see `Finding.needsFile`). */
  created?: NewFile[];
  /** The extent of every function of the call graph: the core groups findings into units by them. */
  spans?: FunctionSpan[];
  /** Every call that gains `await` and the function it awaits: they change together. */
  awaitLinks?: AwaitLink[];
}

/** A call at `path:line:column` that awaits the function declared at `calleePath:calleeLine:calleeColumn`. */
export interface AwaitLink {
  path: string;
  line: number;
  column: number;
  calleePath: string;
  calleeLine: number;
  calleeColumn: number;
}

/** A file an adapter asks the core to create, whole. */
export interface NewFile {
  /** Path relative to the root, forward slashes. */
  path: string;
  text: string;
}

export interface LanguageAdapter {
  language: Language;
  /** Extensions with the dot: ['.ts', '.js']. */
  extensions: string[];
  rules: RuleMeta[];
  /** Reads project targets (versions) from manifest files under root. */
  detectTargets(root: string): Targets;
  analyze(ctx: AdapterRunContext): Promise<AdapterResult>;
  /** Renders the imports of one file once, in its own style. Requests are already deduped. */
  renderImports(path: string, text: string, requests: ImportRequest[]): TextEdit[];
  /**
   * Optional: edits against `output` (the file after the applied edits and imports) that drop
   * imports the migration left unused; `original` is the text before the run. Called before the syntax check.
   */
  cleanupImports?(path: string, original: string, output: string): TextEdit[] | undefined;
  /**
   * Whether awaiting a value that is not a promise is harmless in this language (JavaScript: yes;
   * Python: a TypeError). When it is, a file that adds `await` can be written before the file whose
   * function becomes async, and the tree runs between the two writes.
   */
  awaitOnSyncValueIsHarmless?: boolean;
  /** Parses text again; returns the first syntax error, or undefined when it parses. */
  syntaxError(path: string, text: string): Promise<{ line: number; message: string } | undefined>;
}
