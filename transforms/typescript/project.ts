// Loads the files of a run into a ts-morph Project held in memory: the
// project's own compiler options when it has a tsconfig (its `paths` matter for
// resolution), with JS allowed and nothing emitted. Nothing outside the run's
// files is read, so lib and package typings cost nothing; the type checker is
// only created if the call graph needs it.
import * as nodePath from 'node:path';
import { existsSync } from 'node:fs';
import { Project, ts, type SourceFile } from 'ts-morph';
import { forgetFastifyHooks } from './frameworks.js';
import { forgetLowdbDatabases } from './rules/lowdb-async-write.js';
import type { AdapterFailure, SourceText } from '../core/types.js';
import { ProjectModel, type FileInfo, type PathAliases } from './analysis/model.js';

const TS_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts']);

export interface LoadedProject {
  project: Project;
  model: ProjectModel;
  files: FileInfo[];
  failures: AdapterFailure[];
}

export function isDeclarationFile(path: string): boolean {
  return /\.d\.[cm]?ts$/.test(path);
}

/**
 * What `loadProject` keeps between runs on one project when the caller gives it
 * a memo (a language server's re-analysis, see MigrateOptions.analysisCache):
 * the ts-morph Project, every file's text, in the run's order, and the
 * ProjectModel with its answers (each recording the files it read, see
 * ProjectModel.renew).
 */
interface KeptProject {
  /** The root and compiler options the Project was made with. */
  key: string;
  project: Project;
  /** Each file: its Project source file, or why it was left out. */
  files: { path: string; absPath: string; text: string; morph?: SourceFile; failure?: AdapterFailure }[];
  model: ProjectModel;
}

const MEMO_KEY = 'typescript:project';

/** Forgets what the last run recorded against nodes: a kept Project's nodes are the next run's. */
function forgetRunState(): void {
  forgetFastifyHooks();
  forgetLowdbDatabases();
}

/**
 * Loads the run's files. With `memo`, a run whose files are the same paths in
 * the same order as the last one (root and compiler options unchanged) keeps
 * the last Project: only a file whose text changed is parsed again (replaced
 * in place), and the type checker's program reuses the other files' trees and
 * bindings. The result is what a fresh load gives: the same files in the same
 * order, each parsed from the same text; the analysis's own node-keyed state is
 * reset per run (`forgetRunState`). Anything else (a file added, removed or
 * reordered, a file that did not parse before changing) loads afresh.
 * With the Project, the model is kept: an unchanged file keeps its FileInfo,
 * and the model drops the answers that read an edited file (ProjectModel.renew).
 */
export function loadProject(root: string, sources: SourceText[], memo?: Map<string, unknown>): LoadedProject {
  forgetRunState();
  const { options, aliases } = compilerOptionsFor(root);
  const key = JSON.stringify({ root, options, aliases: aliases ?? null });
  const kept = memo?.get(MEMO_KEY) as KeptProject | undefined;
  // Taken out while the Project changes: a run that throws midway leaves no half-updated Project.
  memo?.delete(MEMO_KEY);
  const own = sources.filter((s) => !isDeclarationFile(s.path));
  const reusable = kept !== undefined && kept.key === key && sameFiles(kept, own);
  const project = reusable
    ? kept.project
    : new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, skipFileDependencyResolution: true, compilerOptions: options });
  const files: FileInfo[] = [];
  const failures: AdapterFailure[] = [];
  const keptFiles: KeptProject['files'] = [];
  // ts-morph looks for an existing file before creating each one, and its in-memory file
  // system answers "none" by throwing an error it catches at once: capturing that error's
  // stack trace, once per file, was most of the cost. (An unexpected error while loading
  // is reported without its stack.)
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    own.forEach((source, i) => loadOne(source, i));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  function loadOne(source: SourceText, i: number): void {
    const before = reusable ? kept.files[i]! : undefined;
    const absPath = nodePath.resolve(source.absPath);
    let morph = before?.text === source.text ? before.morph : undefined;
    let failure = before?.text === source.text ? before.failure : undefined;
    if (!morph && !failure) {
      morph = project.createSourceFile(absPath, source.text, { overwrite: true });
      const error = firstParseError(morph.compilerNode);
      if (error) {
        failure = isJson(source.text)
          ? { path: source.path, message: 'JSON data with a .js name (a config read with JSON.parse, not a module): not code, nothing to migrate', skip: true }
          : { path: source.path, line: error.line, message: `does not parse: ${error.message} (line ${error.line})` };
        project.removeSourceFile(morph);
        morph = undefined;
      }
    }
    keptFiles.push({ path: source.path, absPath, text: source.text, ...(morph ? { morph } : { failure }) });
    if (failure) failures.push(failure);
    else {
      const sf = morph!.compilerNode;
      // The same tree of the same text: the kept model's FileInfo, whose answers stay.
      const same = reusable ? kept.model.byAbs.get(absPath) : undefined;
      if (same && same.sf === sf && same.text === source.text && same.path === source.path && same.morph === morph) files.push(same);
      else files.push({ path: source.path, absPath, text: source.text, sf, morph: morph!, isTypeScript: TS_EXTENSIONS.has(nodePath.extname(source.path).toLowerCase()) });
    }
  }
  let model: ProjectModel;
  if (reusable && kept.model.renew(files)) model = kept.model;
  else {
    // A new model: no FileInfo of the old one (their export tables answer through it).
    for (let i = 0; i < files.length; i++) {
      const { exports: _exports, ...info } = files[i]!;
      files[i] = info;
    }
    model = new ProjectModel(files, aliases, root, memo !== undefined);
  }
  memo?.set(MEMO_KEY, { key, project, files: keptFiles, model } satisfies KeptProject);
  return { project, model, files, failures };
}

/**
 * Whether the kept Project holds these files in the same order a fresh load
 * would: the same paths in the same order, and no file that failed to parse
 * last time changed (parsing now, it would join the Project last, out of order).
 */
function sameFiles(kept: KeptProject, sources: SourceText[]): boolean {
  if (kept.files.length !== sources.length) return false;
  return sources.every((s, i) => {
    const k = kept.files[i]!;
    return k.path === s.path && k.absPath === nodePath.resolve(s.absPath) && (k.failure === undefined || k.text === s.text);
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The first parse error of a source file, 1-based line. */
export function firstParseError(sf: ts.SourceFile): { line: number; message: string } | undefined {
  const diagnostics = (sf as ts.SourceFile & { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const d = diagnostics[0];
  if (!d) return undefined;
  const line = d.start !== undefined ? sf.getLineAndCharacterOfPosition(d.start).line + 1 : 1;
  return { line, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
}

function compilerOptionsFor(root: string): { options: ts.CompilerOptions; aliases?: PathAliases } {
  const defaults: ts.CompilerOptions = {
    allowJs: true,
    checkJs: false,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    jsx: ts.JsxEmit.Preserve,
    esModuleInterop: true,
    skipLibCheck: true,
    types: [],
  };
  const configPath = nodePath.join(root, 'tsconfig.json');
  if (!existsSync(configPath)) return { options: defaults };
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error || !read.config) return { options: defaults };
  // No directory walk: the run already knows its files.
  const host: ts.ParseConfigHost = { ...ts.sys, readDirectory: () => [] };
  const parsed = ts.parseJsonConfigFileContent(read.config, host, root, undefined, configPath);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    allowJs: true,
    checkJs: false,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  delete options.outDir;
  delete options.declaration;
  if (options.module === undefined) {
    options.module = defaults.module;
    options.moduleResolution = defaults.moduleResolution;
  }
  let aliases: PathAliases | undefined;
  if (options.paths) {
    const base = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath ?? root;
    aliases = { base, paths: options.paths as Record<string, string[]> };
  }
  return { options, aliases };
}
