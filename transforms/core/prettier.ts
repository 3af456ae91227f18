// Keeps a prettier-formatted file prettier-formatted. Projects that run
// prettier as part of their checks (eslint-plugin-prettier inside the test
// build, `prettier --check` in CI) fail on a long line awaitify writes
// (`await a(await b(x))` for a flow pipeline). When the project has prettier
// installed and configured, and the file passed prettier's check before the
// migration, the migrated text is formatted with the project's own prettier
// and options. A file that was not prettier-clean, or a project without
// prettier, keeps awaitify's text as it is.
import { createRequire } from 'node:module';

interface Prettier {
  resolveConfig(file: string): Promise<Record<string, unknown> | null> | Record<string, unknown> | null;
  check(text: string, options: Record<string, unknown>): Promise<boolean> | boolean;
  format(text: string, options: Record<string, unknown>): Promise<string> | string;
}

const SCRIPT = /\.[cm]?[jt]sx?$/;

export async function keepPrettierFormat(absPath: string, original: string, output: string): Promise<string> {
  if (!SCRIPT.test(absPath)) return output;
  let prettier: Prettier;
  try {
    prettier = createRequire(absPath)('prettier') as Prettier;
  } catch {
    return output;
  }
  if (typeof prettier?.resolveConfig !== 'function' || typeof prettier.format !== 'function') return output;
  try {
    const config = await prettier.resolveConfig(absPath);
    if (config === null) return output;
    const options = { ...config, filepath: absPath };
    if (!(await prettier.check(original, options))) return output;
    return await prettier.format(output, options);
  } catch {
    return output;
  }
}
