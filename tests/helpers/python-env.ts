// The Python side of the Django integration test: the virtualenvs that
// scripts/python-env.sh makes, copies of a sample app, and processes run in them.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type DjangoLine = '5.2' | '4.0';

/** Where `npm test` (and this helper) keep the venv of each Django line. */
const VENV_DIRS: Record<DjangoLine, string> = { '5.2': '.venv', '4.0': '.venv-django40' };

export interface PythonEnv {
  line: DjangoLine;
  dir: string;
  python: string;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived, for failure messages. */
  output: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

/** Python must not leave bytecode in the copies: the migrator would see it beside the sources. */
export const PYTHON_ENV: NodeJS.ProcessEnv = { PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' };

/** Runs a command to completion without blocking the event loop (the test's stub servers keep answering). */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      output += chunk;
    });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          output += `\n[killed after ${options.timeoutMs} ms]\n`;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, output });
    });
    if (child.stdin) {
      // A child that exits without reading its input is not an error here.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}

/** Creates the venv for a Django line, or checks it is up to date (fast then). */
export async function ensurePythonEnv(line: DjangoLine): Promise<PythonEnv> {
  const dir = path.join(repoRoot, VENV_DIRS[line]);
  const result = await run('bash', [path.join(repoRoot, 'scripts/python-env.sh'), line, dir], { cwd: repoRoot, timeoutMs: 540_000 });
  if (result.code !== 0) {
    throw new Error(`scripts/python-env.sh ${line} ${dir} failed (exit ${result.code}):\n${result.output}`);
  }
  return { line, dir, python: path.join(dir, 'bin', 'python') };
}

/** Copies a sample app, leaving out what running it leaves behind. */
export function copyApp(source: string, destination: string): void {
  const generated = new Set(['__pycache__', '.pytest_cache', 'db.sqlite3', 'node_modules']);
  cpSync(source, destination, {
    recursive: true,
    filter: (src) => !generated.has(path.basename(src)) && !src.endsWith('.pyc'),
  });
}

/** git with a fixed identity; throws with its output when it fails. */
export async function git(cwd: string, ...args: string[]): Promise<RunResult> {
  const result = await run('git', ['-c', 'user.name=awaitify test', '-c', 'user.email=test@awaitify.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    timeoutMs: 60_000,
  });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}:\n${result.output}`);
  return result;
}

/** A fresh copy of a sample app at `destination`, committed in its own git repository as a team would have it. */
export async function committedCopy(source: string, destination: string, message: string): Promise<string> {
  copyApp(source, destination);
  await git(destination, 'init', '-q');
  await git(destination, 'add', '-A');
  await git(destination, 'commit', '-q', '-m', message);
  return destination;
}

/** A run's exit and the end of its output, for assertion messages. */
export function summary(result: RunResult): string {
  return `exit ${result.code}${result.signal ? ` (${result.signal})` : ''}\n${result.output.slice(-20_000)}`;
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  /** What the server printed so far (uvicorn logs to stderr). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Serves an ASGI application with uvicorn from the venv, on 127.0.0.1 and a
 * free port; resolves once uvicorn says it is listening.
 */
export async function startUvicorn(
  env: PythonEnv,
  appDir: string,
  application: string,
  extraEnv: NodeJS.ProcessEnv,
  startupMs = 30_000,
): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    env.python,
    ['-m', 'uvicorn', application, '--host', '127.0.0.1', '--port', String(port), '--lifespan', 'off', '--log-level', 'info'],
    { cwd: appDir, env: { ...process.env, ...PYTHON_ENV, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const append = (chunk: string) => {
    // Keep the log bounded: it is only for failure messages.
    log = (log + chunk).slice(-200_000);
  };
  child.stdout!.setEncoding('utf8').on('data', append);
  child.stderr!.setEncoding('utf8').on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`uvicorn did not start within ${startupMs} ms:\n${log}`)), startupMs);
    const onData = () => {
      if (log.includes('Uvicorn running on')) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`uvicorn exited (code ${code}) before listening:\n${log}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve();
    }
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
    onData();
  });

  return {
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
