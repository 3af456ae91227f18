// `awaitify lsp`: the language server, over stdio. Diagnostics are the findings
// of `migrate` (a dry run with the open buffers in place of the files); hover
// explains the rule; code actions apply a migration unit (the function, its
// call chain and everything that must change with it, across files: exactly
// what `migrate --write` makes for that unit), the file's safe fixes, or open
// the rule's documentation; `awaitify.migrateProject` is the project's dry run.
import { realpathSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lsp from 'vscode-languageserver/node.js';
import type {
  CodeAction,
  Connection,
  Diagnostic,
  InitializeParams,
  InitializeResult,
  TextDocumentEdit,
  CreateFile,
  WorkspaceEdit,
  Range,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findRule, type Finding, type Safety } from '../../transforms/index.js';
import { findProjectRoot } from '../../transforms/core/scope.js';
import { Project, ruleDocUrl, ruleOf, type Analysis, type Buffer, type FileChange } from './project.js';

const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, CodeActionKind, StreamMessageReader, StreamMessageWriter } = lsp;

/** Files the engine migrates (the adapters' extensions). */
const EXTENSIONS = new Set(['.py', '.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx']);

export const COMMANDS = {
  migrateProject: 'awaitify.migrateProject',
  applySafeFixes: 'awaitify.applySafeFixes',
  explainRule: 'awaitify.explainRule',
} as const;

export interface ServerOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Wait this long after the last change before re-analysing (initializationOptions.debounceMs overrides). */
  debounceMs?: number;
}

/** Starts the server; resolves when the client ends the session (exit notification or closed stream). */
export function startServer(options: ServerOptions): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(options.input), new StreamMessageWriter(options.output));
  // stdout is the protocol: anything the engine logs goes to the client's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.warn = console.error = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  const server = new AwaitifyServer(connection, options.debounceMs ?? 75);
  server.listen();
  return new Promise((resolve) => {
    connection.onExit(() => resolve(server.shutdownRequested ? 0 : 1));
    options.input.on('close', () => resolve(server.shutdownRequested ? 0 : 1));
  });
}

class AwaitifyServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly projects = new Map<string, Project>();
  private readonly timers = new Map<Project, NodeJS.Timeout>();
  private readonly published = new Map<Project, Set<string>>();
  private workspaceRoots: string[] = [];
  private documentChanges = false;
  private showDocument = false;
  /** The client fills in a code action's edit with codeAction/resolve (the edit is computed when chosen). */
  private resolveEdits = false;
  shutdownRequested = false;

  constructor(
    private readonly connection: Connection,
    private debounceMs: number,
  ) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onShutdown(() => {
      this.shutdownRequested = true;
      for (const timer of this.timers.values()) clearTimeout(timer);
    });
    documents.onDidOpen((e) => {
      if (e.document.uri.startsWith('file:')) this.projectOf(e.document.uri)?.opened(realPath(fileURLToPath(e.document.uri)));
      this.touched(e.document.uri, 0);
    });
    documents.onDidChangeContent((e) => this.touched(e.document.uri, this.debounceMs));
    documents.onDidSave((e) => this.touched(e.document.uri, 0));
    documents.onDidClose((e) => {
      connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      this.touched(e.document.uri, this.debounceMs);
    });
    // Files changed on disk (a checkout, a formatter, another tool): every project they are in is analysed again.
    connection.onDidChangeWatchedFiles((params) => {
      const projects = new Set(params.changes.map((c) => this.projectOf(c.uri)).filter((p): p is Project => p !== undefined));
      // A file created or deleted, or any other file changed (an ignore file, a directory): every project's file list is walked again.
      if (params.changes.some((c) => c.type !== lsp.FileChangeType.Changed || !EXTENSIONS.has(path.extname(c.uri)))) for (const project of this.projects.values()) project.filesAddedOrRemoved();
      for (const project of projects) this.schedule(project, this.debounceMs);
    });
    connection.onHover(async (params) => {
      const found = await this.findingsAt(params.textDocument.uri, { start: params.position, end: params.position });
      if (!found || found.findings.length === 0) return null;
      // The innermost findings: on a blocking call inside a function that becomes async, the call's.
      const lines = (f: Finding) => (f.endLine ?? f.line) - f.line;
      const innermost = Math.min(...found.findings.map(lines));
      return { contents: { kind: 'markdown', value: found.findings.filter((f) => lines(f) === innermost).map((f) => hoverText(f)).join('\n\n---\n\n') } };
    });
    connection.onCodeAction(async (params) => this.codeActions(params.textDocument.uri, params.range));
    connection.onCodeActionResolve(async (action) => this.resolveCodeAction(action));
    connection.onExecuteCommand(async (params) => this.executeCommand(params.command, params.arguments ?? []));
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.workspaceRoots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    this.showDocument = params.capabilities.window?.showDocument?.support === true;
    this.resolveEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    const init = params.initializationOptions as { debounceMs?: number } | undefined;
    if (typeof init?.debounceMs === 'number') this.debounceMs = init.debounceMs;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, CodeActionKind.Empty], resolveProvider: true },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
      },
      serverInfo: { name: 'awaitify' },
    };
  }

  /** The project a file belongs to (the same root `awaitify migrate <file>` would find), or undefined for other files. */
  private projectOf(uri: string): Project | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const absPath = realPath(fileURLToPath(uri));
    if (!EXTENSIONS.has(path.extname(absPath))) return undefined;
    const cwd = this.workspaceRoots.find((r) => absPath.startsWith(r + path.sep)) ?? path.dirname(absPath);
    const root = realPath(findProjectRoot([absPath], cwd));
    let project = this.projects.get(root);
    if (!project) {
      project = new Project(root, () => this.buffers(), (m) => this.connection.console.warn(m));
      this.projects.set(root, project);
    }
    return project;
  }

  private buffers(): Buffer[] {
    return this.documents
      .all()
      .filter((d) => d.uri.startsWith('file:') && EXTENSIONS.has(path.extname(d.uri)))
      .map((d) => ({ absPath: realPath(fileURLToPath(d.uri)), text: d.getText(), version: d.version }));
  }

  /** A buffer changed: re-analyse its project after `delay` ms without a further change. */
  private touched(uri: string, delay: number): void {
    const project = this.projectOf(uri);
    if (project) this.schedule(project, delay);
  }

  private schedule(project: Project, delay: number): void {
    clearTimeout(this.timers.get(project));
    this.timers.set(
      project,
      setTimeout(() => {
        this.timers.delete(project);
        void project.analyse().then((analysis) => analysis && this.publish(project, analysis));
      }, delay),
    );
  }

  /** The analysis that includes every change so far (runs one now if a change is waiting). */
  private async settled(project: Project): Promise<Analysis | undefined> {
    const timer = this.timers.get(project);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(project);
      const analysis = await project.analyse();
      if (analysis) this.publish(project, analysis);
    }
    return project.current();
  }

  private publish(project: Project, analysis: Analysis): void {
    const open = new Map<string, string>();
    for (const doc of this.documents.all()) if (this.projectOf(doc.uri) === project) open.set(doc.uri, realPath(fileURLToPath(doc.uri)));
    // Only the open files' findings become diagnostics (a large project has many more).
    const openPaths = new Set([...open.values()].map((p) => project.relative(p)));
    const byFile = new Map<string, Diagnostic[]>();
    for (const f of analysis.findings) {
      if (!openPaths.has(f.path)) continue;
      const list = byFile.get(f.path) ?? [];
      list.push(diagnosticOf(f));
      byFile.set(f.path, list);
    }
    const now = new Set<string>();
    for (const [uri, absPath] of open) {
      now.add(uri);
      void this.connection.sendDiagnostics({ uri, version: analysis.buffers.get(absPath)?.version, diagnostics: byFile.get(project.relative(absPath)) ?? [] });
    }
    // A document closed since the last publish keeps no stale diagnostics.
    for (const uri of this.published.get(project) ?? []) if (!now.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.set(project, now);
    this.connection.console.log(`awaitify: analysed ${project.root} in ${Math.round(analysis.elapsedMs)} ms: ${analysis.findings.length} findings`);
  }

  private async findingsAt(uri: string, range: Range): Promise<{ project: Project; analysis: Analysis; file: string; findings: Finding[] } | undefined> {
    const project = this.projectOf(uri);
    if (!project) return undefined;
    const analysis = await this.settled(project);
    if (!analysis) return undefined;
    const file = project.relative(realPath(fileURLToPath(uri)));
    const findings = analysis.findings.filter((f) => f.path === file && overlaps(rangeOf(f), range));
    return { project, analysis, file, findings };
  }

  private async codeActions(uri: string, range: Range): Promise<CodeAction[]> {
    const found = await this.findingsAt(uri, range);
    if (!found) return [];
    const { project, analysis, file, findings } = found;
    const actions: CodeAction[] = [];
    const changing = new Set(analysis.prepared.changing.map((u) => u.id));
    const units = [...new Set(findings.map((f) => f.unit!).filter((u) => changing.has(u)))];
    for (const unitId of units) {
      const unit = analysis.prepared.units.find((u) => u.id === unitId)!;
      const action: CodeAction = {
        title: `awaitify: Migrate this function and its call chain (${unit.label})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: findings.filter((f) => f.unit === unitId).map((f) => diagnosticOf(f)),
        isPreferred: true,
      };
      if (this.resolveEdits) {
        actions.push({ ...action, data: { uri, analysis: analysis.id, unit: unitId } satisfies UnitActionData });
        continue;
      }
      const changes = await project.unitChanges(analysis, unitId);
      if (changes.length) actions.push({ ...action, edit: this.workspaceEdit(changes) });
    }
    const safeHere = analysis.findings.some((f) => f.path === file && f.safety === 'safe' && f.edits.length > 0);
    if (safeHere) {
      actions.push({
        title: 'awaitify: Apply all safe fixes in this file',
        kind: CodeActionKind.SourceFixAll,
        command: { title: 'Apply all safe fixes in this file', command: COMMANDS.applySafeFixes, arguments: [uri] },
      });
    }
    for (const rule of [...new Set(findings.map((f) => f.rule))]) {
      actions.push({
        title: `awaitify: Explain rule ${rule}`,
        kind: CodeActionKind.Empty,
        command: { title: `Explain rule ${rule}`, command: COMMANDS.explainRule, arguments: [rule] },
      });
    }
    return actions;
  }

  /** The edit of a "Migrate this function" action, from the analysis that offered it. */
  private async resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    const data = action.data as UnitActionData | undefined;
    if (!data || action.edit) return action;
    const project = this.projectOf(data.uri);
    const analysis = project?.analysisById(data.analysis);
    // Too old (several edits since): no edit; the editor asks for the actions again.
    if (!project || !analysis) return action;
    return { ...action, edit: this.workspaceEdit(await project.unitChanges(analysis, data.unit)) };
  }

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    switch (command) {
      case COMMANDS.applySafeFixes: {
        const uri = String(args[0]);
        const project = this.projectOf(uri);
        if (!project) return { applied: false, reason: `${uri} is not a file awaitify migrates` };
        await this.settled(project);
        const changes = await project.safeFixes(project.relative(realPath(fileURLToPath(uri))));
        if (changes.length === 0) return { applied: false, reason: 'no safe fix in this file' };
        const response = await this.connection.workspace.applyEdit({ label: 'awaitify: apply all safe fixes in this file', edit: this.workspaceEdit(changes) });
        return { applied: response.applied, files: changes.length };
      }
      case COMMANDS.explainRule: {
        const id = String(args[0]);
        const rule = findRule(id);
        if (!rule) return { error: `unknown rule '${id}'` };
        const url = ruleDocUrl(id);
        if (this.showDocument) await this.connection.window.showDocument({ uri: url, takeFocus: true });
        else void this.connection.window.showInformationMessage(`${id}: ${rule.docs.summary} ${rule.docs.why}`);
        return { rule: id, summary: rule.docs.summary, why: rule.docs.why, url };
      }
      case COMMANDS.migrateProject: {
        const uri = typeof args[0] === 'string' ? args[0] : this.documents.all()[0]?.uri;
        const project = uri ? this.projectOf(uri) : this.workspaceProject();
        if (!project) return { error: 'open a file of the project first, or pass its URI' };
        await this.settled(project);
        const dry = await project.projectDiff();
        const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'awaitify-lsp-')), 'awaitify-migrate.diff');
        writeFileSync(file, dry.diff);
        const diffUri = pathToFileURL(file).href;
        if (this.showDocument) await this.connection.window.showDocument({ uri: diffUri, takeFocus: true });
        return { ...dry, diffUri };
      }
      default:
        return { error: `unknown command '${command}'` };
    }
  }

  /** The project of the first workspace folder. */
  private workspaceProject(): Project | undefined {
    const root = this.workspaceRoots[0];
    if (!root) return undefined;
    const key = realPath(findProjectRoot(['.'], root));
    let project = this.projects.get(key);
    if (!project) {
      project = new Project(key, () => this.buffers(), (m) => this.connection.console.warn(m));
      this.projects.set(key, project);
    }
    return project;
  }

  /** The changes as one edit per file: the changed middle of the text (so cursors and folds outside it stay). */
  private workspaceEdit(changes: FileChange[]): WorkspaceEdit {
    const edits = changes.map((c) => ({ change: c, uri: pathToFileURL(c.absPath).href, edit: minimalEdit(c.before, c.after) }));
    if (!this.documentChanges) {
      const map: Record<string, ReturnType<typeof minimalEdit>[]> = {};
      for (const e of edits) map[e.uri] = [e.edit];
      return { changes: map };
    }
    const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
    for (const e of edits) {
      if (e.change.created) documentChanges.push({ kind: 'create', uri: e.uri, options: { overwrite: false, ignoreIfExists: false } });
      documentChanges.push({ textDocument: { uri: e.uri, version: e.change.version ?? null }, edits: [e.edit] });
    }
    return { documentChanges };
  }
}

function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** What a "Migrate this function" action resolved later carries. */
interface UnitActionData {
  uri: string;
  analysis: number;
  unit: string;
}

const SEVERITY: Record<Safety, lsp.DiagnosticSeverity> = {
  // A fix that cannot change behaviour: applying it is a decision, not a problem to look into.
  safe: DiagnosticSeverity.Information,
  // A fix that needs a reviewer, and what awaitify cannot fix: both ask a person to look.
  review: DiagnosticSeverity.Warning,
  manual: DiagnosticSeverity.Warning,
};

function diagnosticOf(f: Finding): Diagnostic {
  return {
    range: rangeOf(f),
    severity: SEVERITY[f.safety],
    code: f.rule,
    codeDescription: { href: ruleDocUrl(ruleOf(f)?.id ?? f.rule) },
    source: 'awaitify',
    message: `${f.message} (${f.safety})`,
    data: { unit: f.unit, safety: f.safety },
  };
}

/** A finding's range; without an end, to the end of its line's first token run is unknown, so one character. */
function rangeOf(f: Finding): Range {
  const start = { line: f.line - 1, character: f.column - 1 };
  const end = f.endLine !== undefined && f.endColumn !== undefined ? { line: f.endLine - 1, character: f.endColumn - 1 } : { line: f.line - 1, character: f.column };
  return { start, end };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  // A cursor (empty range) on the finding's line counts: editors ask for actions at the cursor.
  if (b.start.line === b.end.line && b.start.character === b.end.character && b.start.line >= a.start.line && b.start.line <= a.end.line) return true;
  return before(a.start, b.end) && before(b.start, a.end);
}

function hoverText(f: Finding): string {
  const rule = ruleOf(f);
  const lines = [`**awaitify** \`${f.rule}\` (${f.safety})`, '', f.message];
  if (rule) lines.push('', `**Why:** ${rule.docs.why}`, '', `**Fix safety:** ${rule.docs.safety}`);
  lines.push('', `[Rule documentation](${ruleDocUrl(f.rule)})`);
  return lines.join('\n');
}

/** One edit replacing what differs between the texts (common prefix and suffix kept). */
function minimalEdit(before: string, after: string): { range: Range; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  // Never between a CR and its LF, nor inside a surrogate pair.
  while (start > 0 && (before[start - 1] === '\r' || /[\uD800-\uDBFF]/.test(before[start - 1]))) start--;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  while (end > 0 && (before[before.length - end] === '\n' || /[\uDC00-\uDFFF]/.test(before[before.length - end]))) end--;
  const doc = TextDocument.create('file:///x', 'text', 0, before);
  return { range: { start: doc.positionAt(start), end: doc.positionAt(before.length - end) }, newText: after.slice(start, after.length - end) };
}
