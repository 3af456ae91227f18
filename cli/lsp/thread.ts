// `awaitify lsp` runs the server on a worker thread whose young generation (the
// heap space new objects are made in) is larger than Node's default: an
// analysis makes many short-lived objects, and with the default 16 MiB
// semi-spaces most of them outlive a scavenge or two and are copied, then
// promoted to the old generation and collected there. With 64 MiB semi-spaces
// a TypeScript re-analysis of a 2,000-file project costs about a fifth less
// CPU (docs/performance.md, "TypeScript edit, session 7"). The heap size of a
// running isolate cannot be changed, so the server gets an isolate of its own;
// the main thread only copies the protocol's bytes between stdin/stdout and the
// worker. The server is the same code either way: what it publishes does not
// depend on where it runs.
import { PassThrough } from 'node:stream';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** The worker's young generation in MiB: V8 takes three semi-spaces' worth, so 192 is 64 MiB semi-spaces. */
export const YOUNG_GENERATION_MB = 192;

const MARK = 'awaitify-lsp-thread';

/** Runs the server on a worker thread over the process's stdin and stdout; resolves to its exit code. */
export function startServerThread(): Promise<number> {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { [MARK]: true },
    // The server's own arguments (vscode-languageserver reads `--clientProcessId` from process.argv).
    argv: process.argv.slice(2),
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const onData = (chunk: Buffer) => worker.postMessage(chunk);
  const onEnd = () => worker.postMessage(null);
  process.stdin.on('data', onData);
  process.stdin.once('end', onEnd);
  worker.on('message', (chunk: Uint8Array) => process.stdout.write(chunk));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => {
      // Nothing more to read: stdin no longer keeps the process alive.
      process.stdin.off('data', onData).off('end', onEnd).destroy();
      resolve(code);
    });
  });
}

/** The worker's side: the server over streams fed by the main thread's messages (null: stdin ended). */
async function serveInWorker(): Promise<void> {
  const input = new PassThrough();
  const output = new PassThrough();
  parentPort!.on('message', (chunk: Uint8Array | null) => (chunk === null ? input.end() : input.write(chunk)));
  output.on('data', (chunk: Buffer) => parentPort!.postMessage(chunk));
  const { startServer } = await import('./server.js');
  const code = await startServer({ input, output });
  // The protocol's own exit paths end the thread with process.exit (vscode-languageserver); this one is the fallback.
  process.exit(code);
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[MARK]) void serveInWorker();
