// A language adapter whose code is imported on first use: what the pipeline
// reads of every adapter (language, extensions, rules, targets) is given up
// front, and the rest loads when the run has files of the language. The
// pipeline calls analyze before the other methods of an adapter (it renders
// imports, cleans them up and checks syntax only of the files it analysed).
import type { LanguageAdapter } from './types.js';

type AdapterMeta = Pick<LanguageAdapter, 'language' | 'extensions' | 'rules' | 'detectTargets' | 'awaitOnSyncValueIsHarmless'>;

export function lazyAdapter(meta: AdapterMeta, load: () => Promise<LanguageAdapter>): LanguageAdapter {
  let loading: Promise<LanguageAdapter> | undefined;
  let loaded: LanguageAdapter | undefined;
  const adapter = async () => (loaded ??= await (loading ??= load()));
  const ready = (method: string): LanguageAdapter => {
    if (!loaded) throw new Error(`the ${meta.language} adapter's ${method} was called before its analyze`);
    return loaded;
  };
  return {
    ...meta,
    analyze: async (ctx) => (await adapter()).analyze(ctx),
    renderImports: (path, text, requests) => ready('renderImports').renderImports(path, text, requests),
    cleanupImports: (path, original, output) => ready('cleanupImports').cleanupImports?.(path, original, output),
    syntaxError: async (path, text) => (await adapter()).syntaxError(path, text),
  };
}
