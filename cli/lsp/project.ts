// One project as the language server sees it: the analysis of everything under
// its root with the open editor buffers in place of the files on disk (the
// library's `overlay`), redone when a buffer changes. The engine analyses a
// project as a whole (a call in one file can make a function in another async),
// so a change re-analyses the project; runs are serialised and a run that a
// newer change overtook is not published.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allRules, prepare, type Finding, type MigrateOptions, type MigrateResult, type PreparedMigration, type RuleMeta } from '../../transforms/index.js';
import { formatDiff } from '../../transforms/core/report/index.js';
import { gitPrefix } from '../../transforms/core/scope.js';
import { RunReuse } from '../../transforms/core/reuse.js';
import { loadProjectConfig } from '../config.js';
import { cacheOption, targetOverrides, withConfig } from '../commands.js';

/** An open editor buffer: its absolute path, text and version. */
export interface Buffer {
  absPath: string;
  text: string;
  version: number;
}

/** What one analysis saw and found. */
export interface Analysis {
  /** Numbers the project's analyses, in order. */
  id: number;
  prepared: PreparedMigration;
  /** Every finding, sorted by site (nothing emitted: diagnostics need no output text). */
  findings: Finding[];
  /** The buffers it analysed (by absolute path), so an edit can say which version it applies to. */
  buffers: Map<string, Buffer>;
  elapsedMs: number;
  /** What each unit changes, once asked (editors ask for code actions at every cursor move). */
  unitChanges: Map<string, Promise<FileChange[]>>;
}

/** A file an emit changes: its text before and after, and whether the run creates it. */
export interface FileChange {
  absPath: string;
  before: string;
  after: string;
  created: boolean;
  /** The buffer version the change applies to, when the file is open. */
  version?: number;
}

/** The rule documentation page shipped with the package (docs/ is in package.json "files"). */
export function ruleDocUrl(id: string): string {
  return pathToFileURL(path.join(packageRoot(), 'docs', 'rules', `${id}.md`)).href;
}

function packageRoot(): string {
  // dist/cli/lsp/project.js → the package root.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
}

export class Project {
  private queue: Promise<unknown> = Promise.resolve();
  private latest?: Promise<Analysis | undefined>;
  private generation = 0;
  private readonly recent = new Map<number, Analysis>();
  /** Each language's last analysis, reused while its files are unchanged (see MigrateOptions.analysisCache). */
  private readonly analysisCache: NonNullable<MigrateOptions['analysisCache']> = new Map();
  /** The project's file list and the texts read from disk, kept between analyses (see MigrateOptions.reuse). */
  private readonly reuse = new RunReuse();

  constructor(
    readonly root: string,
    private readonly buffers: () => Buffer[],
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Files on disk were created or deleted (the editor's file events), or a file the
   * kept file list does not have was opened: the next analysis walks the project again.
   * (A file changed on disk needs nothing: its size or mtime shows it.)
   */
  filesAddedOrRemoved(): void {
    this.reuse.filesAddedOrRemoved();
  }

  /** A buffer was opened: a file the kept list does not have may be new. */
  opened(absPath: string): void {
    if (isInsideRoot(absPath, this.root) && !this.reuse.lists(absPath)) this.reuse.filesAddedOrRemoved();
  }

  /** The options every run uses: the project's configuration (as the CLI reads it), the buffers as overlay. */
  private options(buffers: Buffer[], safety?: 'safe' | 'review'): Omit<MigrateOptions, 'adapters'> {
    const given = { paths: ['.'], quiet: true, progress: false, stats: false };
    let config;
    try {
      config = loadProjectConfig(this.root, this.root);
    } catch (err) {
      this.log(`awaitify: ${(err as Error).message}; the configuration is ignored`);
    }
    const args = withConfig(given, config);
    // The CLI's content-hash cache: the first analysis reads the parses of the last `awaitify` run.
    const cache = cacheOption({}, config, () => this.root, this.root);
    return {
      cwd: this.root,
      root: this.root,
      paths: ['.'],
      overlay: buffers.map((b) => ({ path: b.absPath, text: b.text })),
      ...(args.exclude?.length ? { exclude: args.exclude } : {}),
      safety: safety ?? args.safety,
      ...(args.rules ? { rules: args.rules } : {}),
      ...(args.skip ? { skip: args.skip } : {}),
      targets: targetOverrides(args),
      entry: args.entry,
      ...(args.api ? { api: args.api } : {}),
      ...(args.toplevel ? { toplevel: args.toplevel } : {}),
      ...(args.offload ? { offload: args.offload } : {}),
      reuse: this.reuse,
      ...(cache ? { cache } : {}),
    };
  }

  /** Runs `task` after every earlier one (engine runs share nothing, but emits reset `finding.applied`). */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Re-analyses with the buffers as they are now. Resolves to undefined when a
   * newer analysis was requested meanwhile (its result is the one to show) or
   * when the analysis failed (logged; the previous one stays current). Never rejects.
   */
  analyse(): Promise<Analysis | undefined> {
    const generation = ++this.generation;
    const previous = this.latest;
    const run = this.serial(async () => {
      if (generation !== this.generation) return undefined;
      const buffers = this.buffers().filter((b) => isInsideRoot(b.absPath, this.root));
      const started = performance.now();
      const prepared = await prepare({ ...this.options(buffers), analysisCache: this.analysisCache });
      const findings = prepared.units.flatMap((u) => u.findings).sort(bySite);
      const analysis: Analysis = { id: generation, prepared, findings, buffers: new Map(buffers.map((b) => [b.absPath, { ...b }])), elapsedMs: performance.now() - started, unitChanges: new Map() };
      // A few recent ones, for code actions resolved after a newer edit (their edits carry the buffer versions they apply to).
      this.recent.set(generation, analysis);
      for (const id of this.recent.keys()) if (id < generation - 2) this.recent.delete(id);
      return analysis;
    }).catch((err: unknown) => {
      this.log(`awaitify: analysis failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return undefined;
    });
    // Overtaken: the newer run's result; failed: the previous one.
    this.latest = run.then((a) => a ?? (generation === this.generation ? previous : this.latest));
    return run;
  }

  /** The newest finished analysis (waiting for one under way). */
  current(): Promise<Analysis | undefined> {
    return this.latest ?? this.analyse();
  }

  relative(absPath: string): string {
    return path.relative(this.root, absPath).split(path.sep).join('/');
  }

  /** The analysis numbered `id`, if it is one of the last few. */
  analysisById(id: number): Analysis | undefined {
    return this.recent.get(id);
  }

  /** The files that applying this unit changes, from the analysis. */
  unitChanges(analysis: Analysis, unit: string): Promise<FileChange[]> {
    let changes = analysis.unitChanges.get(unit);
    if (!changes) {
      changes = this.serial(async () => changesOf(analysis, await analysis.prepared.emit(new Set([unit]))));
      analysis.unitChanges.set(unit, changes);
    }
    return changes;
  }

  /**
   * The safe fixes of the units that touch `file`: what `migrate --safety safe`
   * makes for them. A run of its own (safety is chosen when the project is analysed).
   */
  safeFixes(file: string): Promise<FileChange[]> {
    return this.serial(async () => {
      const buffers = this.buffers().filter((b) => isInsideRoot(b.absPath, this.root));
      const prepared = await prepare(this.options(buffers, 'safe'));
      const units = new Set(prepared.changing.filter((u) => u.findings.some((f) => f.path === file && f.safety === 'safe')).map((u) => u.id));
      if (units.size === 0) return [];
      const analysis = { buffers: new Map(buffers.map((b) => [b.absPath, b])) };
      return changesOf(analysis, await prepared.emit(units));
    });
  }

  /** The dry run of the whole project: its diff, as `awaitify migrate` prints it. */
  async projectDiff(): Promise<{ diff: string; changed: number; findings: number }> {
    const analysis = await this.current();
    if (!analysis) throw new Error('the project could not be analysed; see the server log');
    return this.serial(async () => {
      const result = await analysis.prepared.emit();
      return {
        diff: formatDiff(result.files, { prefix: gitPrefix(result.root) }),
        changed: result.files.filter((f) => f.status === 'changed').length,
        findings: result.findings.length,
      };
    });
  }
}

function bySite(a: Finding, b: Finding): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

function changesOf(analysis: Pick<Analysis, 'buffers'>, result: MigrateResult): FileChange[] {
  return result.files
    .filter((f) => f.status === 'changed' && f.output !== undefined)
    .map((f) => {
      const absPath = path.join(result.root, f.path);
      const version = analysis.buffers.get(absPath)?.version;
      return { absPath, before: f.original ?? '', after: f.output!, created: f.created === true, ...(version !== undefined ? { version } : {}) };
    });
}

function isInsideRoot(absPath: string, root: string): boolean {
  const rel = path.relative(root, absPath);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The rule a finding reports under, in its file's language (an id can be shared by the Python and JS/TS rules). */
export function ruleOf(finding: Finding): RuleMeta | undefined {
  const language = finding.path.endsWith('.py') ? 'python' : 'typescript';
  if (!rulesById) {
    rulesById = new Map();
    // The first rule of a language with the id, as a search of the list finds it.
    for (const r of allRules()) if (!rulesById.has(`${r.language}:${r.id}`)) rulesById.set(`${r.language}:${r.id}`, r);
  }
  return rulesById.get(`${language}:${finding.rule}`) ?? allRules().find((r) => r.id === finding.rule);
}

let rulesById: Map<string, RuleMeta> | undefined;
