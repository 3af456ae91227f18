// Loads the files of a run into a ts-morph Project held in memory: the
// project's own compiler options when it has a tsconfig (its `paths` matter for
// resolution), with JS allowed and nothing emitted. Nothing outside the run's
// files is read, so lib and package typings cost nothing; the type checker is
// only created if the call graph needs it.
import * as nodePath from 'node:path';
import { existsSync } from 'node:fs';
import { Project, ts } from 'ts-morph';
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

export function loadProject(root: string, sources: SourceText[]): LoadedProject {
  const { options, aliases } = compilerOptionsFor(root);
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: options,
  });
  const files: FileInfo[] = [];
  const failures: AdapterFailure[] = [];
  // ts-morph looks for an existing file before creating each one, and its in-memory file
  // system answers "none" by throwing an error it catches at once: capturing that error's
  // stack trace, once per file, was most of the cost. (An unexpected error while loading
  // is reported without its stack.)
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    addSources(project, sources, files, failures);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return { project, model: new ProjectModel(files, aliases), files, failures };
}

function addSources(project: Project, sources: SourceText[], files: FileInfo[], failures: AdapterFailure[]): void {
  for (const source of sources) {
    if (isDeclarationFile(source.path)) continue;
    const morph = project.createSourceFile(nodePath.resolve(source.absPath), source.text, { overwrite: true });
    const sf = morph.compilerNode;
    const error = firstParseError(sf);
    if (error) {
      failures.push(
        isJson(source.text)
          ? { path: source.path, message: 'JSON data with a .js name (a config read with JSON.parse, not a module): not code, nothing to migrate', skip: true }
          : { path: source.path, line: error.line, message: `does not parse: ${error.message} (line ${error.line})` },
      );
      project.removeSourceFile(morph);
      continue;
    }
    files.push({
      path: source.path,
      absPath: nodePath.resolve(source.absPath),
      text: source.text,
      sf,
      morph,
      isTypeScript: TS_EXTENSIONS.has(nodePath.extname(source.path).toLowerCase()),
    });
  }
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
