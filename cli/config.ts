// The project's awaitify configuration: `awaitify.config.json`, the
// `"awaitify"` key of package.json, or `[tool.awaitify]` in pyproject.toml, at
// the project root. Command-line flags override it. Reading and checking the
// file happens here; what the settings mean is the library's business.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** The settings a configuration may hold (the flags of the same names). */
export interface ProjectConfig {
  /** The file it came from, relative to the current directory, and where in it. */
  source: string;
  exclude?: string[];
  /** Changes to the directories never walked: a name adds one, `!name` walks a default one. */
  skipDirectories?: string[];
  rules?: string[];
  skip?: string[];
  safety?: 'safe' | 'review';
  api?: 'replace' | 'twin';
  entry?: string;
  toplevel?: 'keep' | 'await' | 'iife';
  framework?: string;
  offload?: string[];
  baseline?: string;
  /** The test command of `migrate --verify` given without one. */
  verify?: string;
  /** `false`: no content-hash cache (`--no-cache`). */
  cache?: boolean;
  /** The cache directory, relative to the project root (`--cache-dir`). */
  cacheDir?: string;
  targets?: { django?: string; python?: string; node?: string; express?: string };
}

/** A configuration that cannot be used: the message names the file and the key. */
export class ConfigError extends Error {}

const CHOICES: Record<string, readonly string[]> = {
  safety: ['safe', 'review'],
  api: ['replace', 'twin'],
  toplevel: ['keep', 'await', 'iife'],
  framework: ['express', 'fastify', 'koa', 'next', 'nestjs', 'lambda', 'http'],
};
const LISTS = ['exclude', 'skipDirectories', 'rules', 'skip', 'offload'] as const;
const STRINGS = ['entry', 'baseline', 'verify', 'cacheDir'] as const;
const BOOLEANS = ['cache'] as const;
const TARGETS = { django: /^\d+\.\d+(\.\d+)?$/, python: /^3\.\d+(\.\d+)?$/, node: /^\d+(\.\d+){0,2}$/, express: /^\d+(\.\d+){0,2}$/ } as const;

/**
 * The configuration at `root`, or undefined when there is none. `explicit`
 * (from `--config`) names a JSON or TOML file to read instead.
 */
export function loadProjectConfig(root: string, cwd: string, explicit?: string): ProjectConfig | undefined {
  const shown = (file: string) => path.relative(cwd, file) || path.basename(file);
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(`--config ${explicit}: no such file`);
    const raw = file.endsWith('.toml') ? tomlTable(file, shown(file)) : jsonValue(file, shown(file));
    return validate(raw, shown(file));
  }
  const found: { where: string; raw: unknown }[] = [];
  const json = path.join(root, 'awaitify.config.json');
  if (existsSync(json)) found.push({ where: shown(json), raw: jsonValue(json, shown(json)) });
  const pkg = path.join(root, 'package.json');
  if (existsSync(pkg)) {
    const data = jsonValue(pkg, shown(pkg)) as Record<string, unknown> | undefined;
    if (data && typeof data === 'object' && 'awaitify' in data) found.push({ where: `${shown(pkg)} "awaitify"`, raw: data.awaitify });
  }
  const pyproject = path.join(root, 'pyproject.toml');
  if (existsSync(pyproject)) {
    const tool = (tomlTable(pyproject, shown(pyproject)) as { tool?: Record<string, unknown> }).tool;
    if (tool && 'awaitify' in tool) found.push({ where: `${shown(pyproject)} [tool.awaitify]`, raw: tool.awaitify });
  }
  if (found.length > 1) throw new ConfigError(`two configurations: ${found.map((f) => f.where).join(' and ')}; keep one`);
  return found.length ? validate(found[0].raw, found[0].where) : undefined;
}

function jsonValue(file: string, shown: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${shown}: not valid JSON (${(err as Error).message})`);
  }
}

function tomlTable(file: string, shown: string): unknown {
  try {
    return parseToml(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as Error & { line?: number };
    throw new ConfigError(`${shown}${e.line ? `:${e.line}` : ''}: not valid TOML (${e.message.split('\n')[0]})`);
  }
}

function validate(raw: unknown, where: string): ProjectConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${where}: expected a table of settings`);
  const config: ProjectConfig = { source: where };
  const fail = (key: string, expected: string) => new ConfigError(`${where}: "${key}": expected ${expected}`);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if ((LISTS as readonly string[]).includes(key)) {
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) throw fail(key, 'a list of strings');
      (config as unknown as Record<string, string[]>)[key] = list as string[];
    } else if ((STRINGS as readonly string[]).includes(key)) {
      if (typeof value !== 'string' || !value) throw fail(key, 'a string');
      (config as unknown as Record<string, string>)[key] = value;
    } else if ((BOOLEANS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') throw fail(key, 'true or false');
      (config as unknown as Record<string, boolean>)[key] = value;
    } else if (key in CHOICES) {
      if (typeof value !== 'string' || !CHOICES[key].includes(value)) throw fail(key, `one of ${CHOICES[key].join(', ')}`);
      (config as unknown as Record<string, string>)[key] = value;
    } else if (key === 'targets') {
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw fail(key, 'a table of versions, e.g. { "django": "4.2" }');
      config.targets = {};
      for (const [name, version] of Object.entries(value as Record<string, unknown>)) {
        const pattern = TARGETS[name as keyof typeof TARGETS];
        if (!pattern) throw fail(`targets.${name}`, `one of ${Object.keys(TARGETS).join(', ')} as the key`);
        const text = typeof version === 'number' ? String(version) : version;
        if (typeof text !== 'string' || !pattern.test(text)) throw fail(`targets.${name}`, 'a version string like "4.2"');
        config.targets[name as keyof typeof TARGETS] = text;
      }
    } else {
      const known = [...LISTS, ...STRINGS, ...BOOLEANS, ...Object.keys(CHOICES), 'targets'].sort();
      throw new ConfigError(`${where}: unknown setting "${key}" (known: ${known.join(', ')})`);
    }
  }
  return config;
}
