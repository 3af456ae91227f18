// A language client for the tests: starts the built `awaitify lsp` as a child
// process and talks to it over stdio with vscode-jsonrpc, as an editor does.
// Server-to-client requests are answered like an editor: workspace/applyEdit
// applies the edit to the files on disk, window/showDocument is recorded.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = path.join(repo, 'dist/cli/awaitify.js');

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  data?: unknown;
}

interface TextEdit {
  range: Diagnostic['range'];
  newText: string;
}

export interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: ({ textDocument: { uri: string; version: number | null }; edits: TextEdit[] } | { kind: 'create'; uri: string })[];
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcessWithoutNullStreams;
  /** Every publishDiagnostics, in order. */
  readonly diagnostics: { uri: string; version?: number; diagnostics: Diagnostic[] }[] = [];
  readonly shownDocuments: string[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** window/logMessage texts, in order. */
  readonly log: string[] = [];
  stderr = '';
  private waiters: (() => void)[] = [];

  constructor(cwd: string) {
    this.child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd, stdio: 'pipe' });
    this.child.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      this.diagnostics.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.log.push(params.message);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params.edit);
      applyWorkspaceEdit(params.edit);
      return { applied: true };
    });
    this.connection.onRequest('window/showDocument', (params: { uri: string }) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    this.connection.listen();
  }

  /** `resolveEdits`: the client asks for a code action's edit with codeAction/resolve, as VS Code does. */
  async initialize(root: string, options: { resolveEdits?: boolean } = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'fixture' }],
      capabilities: {
        workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } },
        window: { showDocument: { support: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          ...(options.resolveEdits ? { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } } : {}),
        },
      },
      initializationOptions: { debounceMs: 20 },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** A client of a server started in `dir`, initialized, with `file` (relative to dir) open. */
  static async openIn(dir: string, file: string, languageId: string, options: { resolveEdits?: boolean } = {}): Promise<{ client: TestClient; uri: string }> {
    const client = new TestClient(dir);
    await client.initialize(dir, options);
    return { client, uri: client.open(path.join(dir, file), languageId) };
  }

  open(file: string, languageId: string): string {
    const uri = pathToFileURL(file).href;
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: readFileSync(file, 'utf8') } });
    return uri;
  }

  /** Waits until a log message matches. */
  async logged(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.log.find((m) => pattern.test(m));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no log message matching ${pattern}; log:\n${this.log.join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first diagnostics for `uri` published after `after` of them (with `version`, when given). */
  async diagnosticsFor(uri: string, options: { after?: number; version?: number; timeoutMs?: number } = {}): Promise<Diagnostic[]> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      const found = this.diagnostics.slice(options.after ?? 0).find((d) => d.uri === uri && (options.version === undefined || d.version === options.version));
      if (found) return found.diagnostics;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} within the time; server stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.on('exit', (c) => resolve(c));
    });
    this.connection.dispose();
    return code;
  }
}

/** Applies a workspace edit to the files on disk, as an editor does to its buffers. */
export function applyWorkspaceEdit(edit: WorkspaceEdit): void {
  const perFile: [string, TextEdit[]][] = [];
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) perFile.push([uri, edits]);
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const file = fileURLToPath(change.uri);
      if (existsSync(file)) throw new Error(`create ${file}: it exists`);
      writeFileSync(file, '');
    } else perFile.push([change.textDocument.uri, change.edits]);
  }
  for (const [uri, edits] of perFile) {
    const file = fileURLToPath(uri);
    let text = readFileSync(file, 'utf8');
    // Back to front, so earlier offsets stay valid.
    const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
    for (const e of sorted) text = text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
    writeFileSync(file, text);
  }
}

function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + position.character;
}

/**
 * Fresh copies of the projects in test-fixtures/editor/, in a scratch directory
 * outside any git work tree (removed after the file's tests), and `tree`: every
 * file under a directory (but awaitify's cache), by relative path, for comparing two copies.
 */
export function editorFixtures(): {
  copyOf: (name: string) => string;
  /** Two fresh copies: one for the editor, one `migrate --write` (with these flags) ran on. */
  withMigrated: (name: string, ...flags: string[]) => { dir: string; expected: string };
  tree: (dir: string) => Record<string, string>;
} {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-editor-test-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let copies = 0;
  const copyOf = (name: string) => {
    const dir = path.join(scratch, `${++copies}`, name);
    cpSync(path.join(repo, 'test-fixtures/editor', name), dir, { recursive: true });
    return dir;
  };
  const tree = (dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> => {
    for (const entry of readdirSync(dir).sort()) {
      // awaitify's parse cache (on by default, ignored by git) holds what each run happened to
      // parse (the server parses edited buffers, `migrate` the files on disk): not project files.
      if (entry === '.awaitify-cache') continue;
      const abs = path.join(dir, entry);
      if (statSync(abs).isDirectory()) tree(abs, base, out);
      else out[path.relative(base, abs)] = readFileSync(abs, 'utf8');
    }
    return out;
  };
  const withMigrated = (name: string, ...flags: string[]) => {
    const expected = copyOf(name);
    migrateWrite(expected, ...flags);
    return { dir: copyOf(name), expected };
  };
  return { copyOf, withMigrated, tree: (dir) => tree(dir) };
}

/** `awaitify migrate --write` on a project: what every editor edit is compared with. */
export function migrateWrite(dir: string, ...flags: string[]): void {
  execFileSync(process.execPath, [cli, 'migrate', '--write', '--quiet', ...flags, '.'], { cwd: dir });
}
