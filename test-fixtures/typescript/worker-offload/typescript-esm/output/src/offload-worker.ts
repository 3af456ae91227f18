// Written by awaitify (rule worker-offload). Runs a module's exported
// synchronous function on a worker thread, so the event loop keeps serving
// requests while it runs. Arguments and results cross threads by structured
// clone; errors come back with their name, message, stack and code. Each
// worker loads the module once, with module state of its own.
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

type Task = { id: number; modulePath: string; exportName: string; args: unknown[] };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: Record<string, unknown> };
type Pending = Task & { resolve(value: unknown): void; reject(reason: unknown): void };
type Slot = { worker: Worker; task?: Pending | undefined };

const MARK = 'awaitify-offload-worker';
const SIZE = Math.max(1, Math.min(4, (typeof availableParallelism === 'function' ? availableParallelism() : cpus().length) - 1));
const slots: Slot[] = [];
const queue: Pending[] = [];
let nextId = 1;

/**
 * Calls `exportName` of the module at `modulePath` (an absolute path, or a
 * file URL as a URL or a string) on a worker thread and resolves with its
 * result. `exportName` '' calls the module itself (`module.exports = fn`).
 */
export function runInWorker<F extends (...args: never[]) => unknown = (...args: unknown[]) => unknown>(modulePath: string | URL, exportName: string, args: Parameters<F>): Promise<Awaited<ReturnType<F>>> {
  const path = modulePath instanceof URL || String(modulePath).startsWith('file:') ? fileURLToPath(modulePath) : String(modulePath);
  return new Promise<Awaited<ReturnType<F>>>((resolve, reject) => {
    queue.push({ id: nextId++, modulePath: path, exportName, args: [...args], resolve: resolve as (value: unknown) => void, reject });
    drain();
  });
}

function drain(): void {
  while (queue.length) {
    let slot = slots.find((s) => !s.task);
    if (!slot) {
      if (slots.length >= SIZE) return;
      slot = spawn();
    }
    const task = queue.shift()!;
    slot.task = task;
    slot.worker.ref();
    try {
      slot.worker.postMessage({ id: task.id, modulePath: task.modulePath, exportName: task.exportName, args: task.args });
    } catch (err) {
      // An argument that cannot be cloned (a function, a class instance with private state).
      slot.task = undefined;
      slot.worker.unref();
      task.reject(err);
    }
  }
}

function spawn(): Slot {
  const slot: Slot = { worker: new Worker(fileURLToPath(import.meta.url), { workerData: { [MARK]: true } }) };
  slots.push(slot);
  slot.worker.unref();
  slot.worker.on('message', (reply: Reply) => {
    const task = slot.task;
    if (!task || task.id !== reply.id) return;
    slot.task = undefined;
    slot.worker.unref();
    if (reply.ok) task.resolve(reply.value);
    else task.reject(revive(reply.error));
    drain();
  });
  const fail = (err: unknown) => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    const task = slot.task;
    slot.task = undefined;
    if (task) task.reject(err);
    drain();
  };
  slot.worker.on('error', fail);
  slot.worker.on('exit', (code: number) => fail(new Error(`offload worker exited with code ${code}`)));
  return slot;
}

function revive(data: Record<string, unknown>): Error {
  const err = new Error(String(data['message']));
  Object.assign(err, data);
  return err;
}

function serialize(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const out: Record<string, unknown> = { name: err.name, message: err.message, stack: err.stack };
  for (const [key, value] of Object.entries(err)) {
    if (value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value)) out[key] = value;
  }
  return out;
}

async function load(modulePath: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
}

if (!isMainThread && parentPort && workerData && (workerData as Record<string, unknown>)[MARK]) {
  const port = parentPort;
  port.on('message', async (task: Task) => {
    try {
      const mod = await load(task.modulePath);
      const fn = task.exportName === '' ? mod : mod[task.exportName] ?? (mod['default'] as Record<string, unknown> | undefined)?.[task.exportName];
      if (typeof fn !== 'function') throw new TypeError(`${task.modulePath} does not export a function named ${task.exportName}`);
      const value = await fn(...task.args);
      port.postMessage({ id: task.id, ok: true, value });
    } catch (err) {
      port.postMessage({ id: task.id, ok: false, error: serialize(err) });
    }
  });
}
