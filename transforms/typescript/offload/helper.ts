// The module awaitify writes once per project when it offloads calls: a small
// pool of worker threads that load a module and call one of its exports.
// Written in the project's own module system (CommonJS or ES modules, JS or
// TypeScript) and using only node:worker_threads, so it adds no dependency.

export type HelperFlavor = 'cjs' | 'esm' | 'ts-cjs' | 'ts-esm';

export const HELPER_EXPORT = 'runInWorker';
export const HELPER_BASENAME = 'offload-worker';

const HEADER = `// Written by awaitify (rule worker-offload). Runs a module's exported
// synchronous function on a worker thread, so the event loop keeps serving
// requests while it runs. Arguments and results cross threads by structured
// clone; errors come back with their name, message, stack and code. Each
// worker loads the module once, with module state of its own.
`;

/** The helper's source text. */
export function workerHelperSource(flavor: HelperFlavor): string {
  const ts = flavor === 'ts-cjs' || flavor === 'ts-esm';
  const esm = flavor === 'esm' || flavor === 'ts-esm';
  const T = (type: string) => (ts ? type : '');
  const imports = esm || ts
    ? `import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
`
    : `'use strict';
const { availableParallelism, cpus } = require('node:os');
const { fileURLToPath, pathToFileURL } = require('node:url');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
`;
  const self = esm ? 'fileURLToPath(import.meta.url)' : '__filename';
  const load = esm
    ? `async function load(modulePath${T(': string')})${T(': Promise<Record<string, unknown>>')} {
  return (await import(pathToFileURL(modulePath).href))${T(' as Record<string, unknown>')};
}`
    : `async function load(modulePath${T(': string')})${T(': Promise<Record<string, unknown>>')} {
  try {
    return require(modulePath)${T(' as Record<string, unknown>')};
  } catch (err) {
    if ((err${T(' as { code?: string }')}).code !== 'ERR_REQUIRE_ESM') throw err;
    return (await import(pathToFileURL(modulePath).href))${T(' as Record<string, unknown>')};
  }
}`;
  const types = ts
    ? `
type Task = { id: number; modulePath: string; exportName: string; args: unknown[] };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: Record<string, unknown> };
type Pending = Task & { resolve(value: unknown): void; reject(reason: unknown): void };
type Slot = { worker: Worker; task?: Pending | undefined };
`
    : '';
  const exportKw = esm || ts ? 'export ' : '';
  const cjsExport = esm || ts ? '' : `\nmodule.exports = { runInWorker };\n`;
  const generic = ts ? '<F extends (...args: never[]) => unknown = (...args: unknown[]) => unknown>' : '';
  const argsType = ts ? ': Parameters<F>' : '';
  const resultType = ts ? ': Promise<Awaited<ReturnType<F>>>' : '';
  const promiseOf = ts ? '<Awaited<ReturnType<F>>>' : '';
  const resolveField = ts ? 'resolve: resolve as (value: unknown) => void' : 'resolve';

  return `${HEADER}${imports}${types}
const MARK = 'awaitify-offload-worker';
const SIZE = Math.max(1, Math.min(4, (typeof availableParallelism === 'function' ? availableParallelism() : cpus().length) - 1));
const slots${T(': Slot[]')} = [];
const queue${T(': Pending[]')} = [];
let nextId = 1;

/**
 * Calls \`exportName\` of the module at \`modulePath\` (an absolute path, or a
 * file URL as a URL or a string) on a worker thread and resolves with its
 * result. \`exportName\` '' calls the module itself (\`module.exports = fn\`).
 */
${exportKw}function runInWorker${generic}(modulePath${T(': string | URL')}, exportName${T(': string')}, args${argsType})${resultType} {
  const path = modulePath instanceof URL || String(modulePath).startsWith('file:') ? fileURLToPath(modulePath) : String(modulePath);
  return new Promise${promiseOf}((resolve, reject) => {
    queue.push({ id: nextId++, modulePath: path, exportName, args: [...args], ${resolveField}, reject });
    drain();
  });
}

function drain()${T(': void')} {
  while (queue.length) {
    let slot = slots.find((s) => !s.task);
    if (!slot) {
      if (slots.length >= SIZE) return;
      slot = spawn();
    }
    const task = queue.shift()${T('!')};
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

function spawn()${T(': Slot')} {
  const slot${T(': Slot')} = { worker: new Worker(${self}, { workerData: { [MARK]: true } }) };
  slots.push(slot);
  slot.worker.unref();
  slot.worker.on('message', (reply${T(': Reply')}) => {
    const task = slot.task;
    if (!task || task.id !== reply.id) return;
    slot.task = undefined;
    slot.worker.unref();
    if (reply.ok) task.resolve(reply.value);
    else task.reject(revive(reply.error));
    drain();
  });
  const fail = (err${T(': unknown')}) => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    const task = slot.task;
    slot.task = undefined;
    if (task) task.reject(err);
    drain();
  };
  slot.worker.on('error', fail);
  slot.worker.on('exit', (code${T(': number')}) => fail(new Error(\`offload worker exited with code \${code}\`)));
  return slot;
}

function revive(data${T(': Record<string, unknown>')})${T(': Error')} {
  const err = new Error(String(data['message']));
  Object.assign(err, data);
  return err;
}

function serialize(err${T(': unknown')})${T(': Record<string, unknown>')} {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const out${T(': Record<string, unknown>')} = { name: err.name, message: err.message, stack: err.stack };
  for (const [key, value] of Object.entries(err)) {
    if (value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value)) out[key] = value;
  }
  return out;
}

${load}

if (!isMainThread && parentPort && workerData && (workerData${T(' as Record<string, unknown>')})[MARK]) {
  const port = parentPort;
  port.on('message', async (task${T(': Task')}) => {
    try {
      const mod = await load(task.modulePath);
      const fn = task.exportName === '' ? mod : mod[task.exportName] ?? (mod['default']${T(' as Record<string, unknown> | undefined')})?.[task.exportName];
      if (typeof fn !== 'function') throw new TypeError(\`\${task.modulePath} does not export a function named \${task.exportName}\`);
      const value = await fn(...task.args);
      port.postMessage({ id: task.id, ok: true, value });
    } catch (err) {
      port.postMessage({ id: task.id, ok: false, error: serialize(err) });
    }
  });
}
${cjsExport}`;
}
