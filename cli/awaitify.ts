#!/usr/bin/env node
// The awaitify command line: parses arguments and hands them to the commands.
import { readFileSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { AnalysisArgs, CheckArgs, Io, MigrateArgs } from './commands.js';
import { CHECK_FORMATS, EXIT, MIGRATE_FORMATS } from './exit-codes.js';
import { parseFileSize } from '../transforms/core/limits.js';
import { parseShard } from '../transforms/core/shard.js';

// Loaded when a command runs: `recover` needs none of the analysis code.
const commands = () => import('./commands.js');

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };

/** A mistake in the arguments, found by yargs. */
class ArgumentError extends Error {}

/** `a,b` and repeated flags both give a list. */
function ruleList(value: unknown): string[] {
  return [value]
    .flat()
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

function version(flag: string, pattern: RegExp, example: string) {
  return (value: unknown): string => {
    const text = String(value);
    if (!pattern.test(text)) throw new Error(`--${flag} ${text}: expected a version like ${example}`);
    return text;
  };
}

function fileSize(value: unknown): number {
  try {
    return parseFileSize(String(value));
  } catch (err) {
    throw new Error((err as Error).message);
  }
}

function shard(value: unknown) {
  try {
    return parseShard(String(value));
  } catch (err) {
    throw new Error((err as Error).message);
  }
}

function analysisOptions<T>(y: Argv<T>) {
  return y
    .positional('paths', { type: 'string', array: true, default: ['.'], describe: 'files, directories or globs (default: the current directory)' })
    .option('root', { type: 'string', describe: 'the project root to analyse (default: the nearest directory above the first path with package.json, manage.py, pyproject.toml, setup.cfg or setup.py, up to the git work tree top); only the paths are changed' })
    .option('safety', { choices: ['safe', 'review'] as const, describe: 'apply safe fixes only, or safe and review fixes (manual ones never) (default: review)' })
    .option('rules', { type: 'string', coerce: ruleList, describe: 'only these rules (comma-separated ids)' })
    .option('skip', { type: 'string', coerce: ruleList, describe: 'leave these rules out (comma-separated ids)' })
    .option('django', { type: 'string', coerce: version('django', /^\d+\.\d+(\.\d+)?$/, '4.2'), describe: 'target Django version (default: detected)' })
    .option('python', { type: 'string', coerce: version('python', /^3\.\d+(\.\d+)?$/, '3.11'), describe: 'target Python version (default: detected)' })
    .option('node', { type: 'string', coerce: version('node', /^\d+(\.\d+){0,2}$/, '20'), describe: 'target Node.js major version (default: detected)' })
    .option('express', { type: 'string', coerce: version('express', /^\d+(\.\d+){0,2}$/, '4'), describe: 'target Express major version (default: detected)' })
    .option('entry', { type: 'string', describe: "where async starts: 'handlers' (framework handlers), 'all' (any function with a blocking call), or a path glob whose functions are entries too ('src/jobs/**', 'src/jobs/*.ts:run') (default: handlers)" })
    .option('exclude', { type: 'string', coerce: ruleList, describe: "files to analyse but never change: patterns in .gitignore syntax relative to the project root, comma-separated or repeated ('legacy/', '**/*.gen.ts'); added to the configuration's" })
    .option('config', { type: 'string', describe: 'read settings from this JSON or TOML file instead of the project root\'s awaitify.config.json, package.json "awaitify" or pyproject.toml [tool.awaitify]; --no-config ignores any' })
    .option('stdin-filename', { type: 'string', describe: "with the path '-': the file that stdin holds (relative to the current directory); the rest of the project is read from disk" })
    .option('api', { choices: ['replace', 'twin'] as const, describe: "when a caller must stay sync: 'twin' keeps the sync function and adds an async twin beside it (fetchX/fetchXAsync, fetch_x/afetch_x); 'replace' changes the function in place, and its sync callers stay sync (JS/TS: the function is then kept sync and reported) or bridge with async_to_sync (Python) (default: replace for JS/TS, twin for Python)" })
    .option('framework', { choices: ['express', 'fastify', 'koa', 'next', 'nestjs', 'lambda', 'http'] as const, describe: 'the JS/TS web framework whose conventions find handlers (default: detected from package.json)' })
    .option('offload', { type: 'string', array: true, describe: "CPU-heavy module functions to run on a worker thread, as 'path-glob:name' (repeatable), e.g. 'src/report.js:buildReport'" })
    .option('toplevel', { choices: ['keep', 'await', 'iife'] as const, describe: "module top level that must await: 'keep' leaves start-up code sync and reports it; 'await' (review) gives ES modules that no project file require()s top-level await; 'iife' (review) does that too and wraps a CommonJS script in an async IIFE (default: keep)" })
    .option('shard', { type: 'string', coerce: shard, describe: "report only the K-th of N parts of the project's packages, e.g. 2/4, for a CI matrix: the N diffs, concatenated in order, are the diff of one run (see docs/ci.md)" })
    .option('max-file-size', { type: 'string', coerce: fileSize, describe: 'skip files larger than this (with the reason): 2MB, 500k, or bytes (default: 1MB)' })
    .option('cache', { type: 'boolean', describe: "keep each Python file's parse in a cache keyed by its content (node_modules/.cache/awaitify, else .awaitify-cache, ignored by git), so the next run reads it; the output is the same (default: on; --no-cache: off)" })
    .option('cache-dir', { type: 'string', describe: 'the cache directory, instead of node_modules/.cache/awaitify or .awaitify-cache under the project root' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print no summary, only failures' })
    .option('progress', { type: 'boolean', default: true, describe: 'progress bar on long runs in a terminal (--no-progress to hide)' })
    .option('color', { type: 'boolean', describe: 'force colours on (--no-color: off); default: on in a terminal unless NO_COLOR is set' })
    .option('stats', { type: 'boolean', default: false, hidden: true, describe: 'print elapsed time and peak memory on stderr' });
}

// yargs drops a lone `-` (stdin, by convention); it travels under this name, which no argument can hold (NUL).
const STDIN_ARG = '\0-';

function io(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), version: pkg.version, homepage: pkg.homepage };
}

function analysisArgs(argv: Record<string, unknown>): AnalysisArgs {
  return {
    paths: ((argv.paths as string[] | undefined) ?? ['.']).map((p) => (p === STDIN_ARG ? '-' : p)),
    root: argv.root as string | undefined,
    safety: argv.safety as AnalysisArgs['safety'],
    rules: argv.rules as string[] | undefined,
    skip: argv.skip as string[] | undefined,
    django: argv.django as string | undefined,
    python: argv.python as string | undefined,
    node: argv.node as string | undefined,
    express: argv.express as string | undefined,
    entry: argv.entry as string | undefined,
    exclude: argv.exclude as string[] | undefined,
    config: typeof argv.config === 'string' ? argv.config : undefined,
    noConfig: argv.config === false,
    stdinFilename: argv['stdin-filename'] as string | undefined,
    api: argv.api as AnalysisArgs['api'],
    framework: argv.framework as string | undefined,
    toplevel: argv.toplevel as AnalysisArgs['toplevel'],
    offload: (argv.offload as string[] | undefined)?.filter((s) => s !== ''),
    maxFileSize: argv['max-file-size'] as number | undefined,
    shard: argv.shard as AnalysisArgs['shard'],
    cache: argv.cache as boolean | undefined,
    cacheDir: argv['cache-dir'] as string | undefined,
    quiet: argv.quiet as boolean,
    progress: argv.progress as boolean,
    color: argv.color as boolean | undefined,
    stats: argv.stats as boolean,
  };
}

async function main(): Promise<void> {
  // `awaitify migrate | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw err;
  });

  let exitCode: number = EXIT.ok;
  let internalError: unknown;
  /** Runs a command, keeping a crash apart from yargs' argument errors. */
  const guarded = async (command: () => number | Promise<number>) => {
    try {
      exitCode = await command();
    } catch (err) {
      internalError = err;
    }
  };
  const cli = yargs(hideBin(process.argv).map((a) => (a === '-' ? STDIN_ARG : a)))
    .scriptName('awaitify')
    .usage('$0 <command> [options]\n\nMigrates synchronous request handlers to async, for Django and Node codebases.')
    .command(
      'migrate [paths..]',
      'rewrite blocking calls and make handlers async (a dry run printing a diff, unless --write)',
      (y) =>
        analysisOptions(y)
          .option('write', { alias: 'w', type: 'boolean', default: false, describe: 'apply the changes to the files' })
          .option('format', { alias: 'f', choices: MIGRATE_FORMATS, default: 'diff' as const, describe: 'what to print on stdout' })
          .option('check', { type: 'boolean', default: false, describe: 'exit 1 when there are changes to make (for CI)' })
          .option('allow-dirty', { type: 'boolean', default: false, describe: 'with --write, also rewrite files with uncommitted changes' })
          .option('verify', { type: 'string', describe: "run this test command on the untouched tree, then on the migrated one, and back out the migration units that make passing tests fail (no value: the command configured in package.json \"awaitify\": {\"verify\"} or pyproject.toml [tool.awaitify] verify)" })
          .option('verify-budget', { type: 'number', default: 50, describe: 'with --verify: at most this many runs of the command, baseline included' })
          .option('base', { type: 'string', describe: "with --format github-review: the pull request's base (a branch or commit); the review explains the changes of base...HEAD with a dry run on the base" })
          .example('$0 migrate src', 'print the diff for src/')
          .example('$0 migrate - --stdin-filename src/app.js < src/app.js', 'print the migrated file (an editor or pre-commit hook)')
          .example('$0 migrate --write', 'migrate the current directory in place')
          .example('$0 migrate --format markdown > summary.md', 'a pull-request summary')
          .example("$0 migrate --write --verify 'npm test'", 'migrate, then back out what makes passing tests fail'),
      async (argv) => {
        const args: MigrateArgs = {
          ...analysisArgs(argv),
          write: argv.write,
          check: argv.check,
          allowDirty: argv['allow-dirty'],
          format: argv.format,
          ...(argv.verify !== undefined ? { verify: argv.verify } : {}),
          verifyBudget: argv['verify-budget'],
          ...(argv.base !== undefined ? { base: argv.base } : {}),
        };
        await guarded(async () => (await commands()).migrateCommand(args, io()));
      },
    )
    .command(
      'check [paths..]',
      'report blocking calls and missing awaits without changing anything; exit 1 when there are any',
      (y) =>
        analysisOptions(y)
          .option('format', { alias: 'f', choices: CHECK_FORMATS, default: 'text' as const, describe: 'what to print on stdout' })
          .option('baseline', { type: 'string', describe: 'a file of accepted findings (written by --update-baseline): only findings not in it are reported and fail the run' })
          .option('update-baseline', { type: 'boolean', default: false, describe: 'write every current finding to the --baseline file (or the configuration\'s), and exit 0' })
          .option('base', { type: 'string', describe: "only findings on lines changed since this branch or commit (base...HEAD, plus uncommitted changes): a pull request's own" })
          .example('$0 check --baseline .awaitify-baseline.json --update-baseline', 'accept the findings there are today')
          .example('$0 check --baseline .awaitify-baseline.json', 'in CI: fail on new findings only'),
      async (argv) => {
        const args: CheckArgs = { ...analysisArgs(argv), format: argv.format, baseline: argv.baseline, updateBaseline: argv['update-baseline'], ...(argv.base !== undefined ? { base: argv.base } : {}) };
        await guarded(async () => (await commands()).checkCommand(args, io()));
      },
    )
    .command(
      'recover [path]',
      'complete the journal an interrupted `migrate --write` left (SIGKILL, crash, power loss), or undo it with --rollback',
      (y) =>
        y
          .positional('path', { type: 'string', describe: 'a path in the project (default: the current directory); the root is found from it as for migrate' })
          .option('root', { type: 'string', describe: 'the project root (as for migrate)' })
          .option('rollback', { type: 'boolean', default: false, describe: 'restore the files the interrupted run had written, instead of writing the rest' }),
      (argv) => guarded(async () => (await import('./recover.js')).recoverCommand({ path: argv.path, root: argv.root, rollback: argv.rollback }, io())),
    )
    .command(
      'rules',
      'list every rule',
      (y) =>
        y
          .option('json', { type: 'boolean', default: false, describe: 'as JSON' })
          .option('language', { choices: ['typescript', 'python'] as const, describe: 'only the rules of one language' }),
      (argv) => guarded(async () => (await commands()).rulesCommand({ json: argv.json, language: argv.language }, io())),
    )
    .command(
      'explain <rule>',
      "print a rule's documentation: what it does, why, an example, fix safety",
      (y) => y.positional('rule', { type: 'string', demandOption: true, describe: 'rule id, as listed by `awaitify rules`' }),
      (argv) => guarded(async () => (await commands()).explainCommand({ rule: argv.rule }, io())),
    )
    .command(
      'lsp',
      'run the language server on stdio (diagnostics, hover and code actions in an editor; see docs/editor.md)',
      (y) =>
        y
          .option('stdio', { type: 'boolean', default: true, describe: 'talk over stdin/stdout (the only transport; accepted because clients pass it)' })
          // vscode-languageclient passes it when it starts a server as a Node module.
          .option('clientProcessId', { type: 'number', hidden: true }),
      () => guarded(async () => (await import('./lsp/server.js')).startServer({ input: process.stdin, output: process.stdout })),
    )
    .demandCommand(1, 'name a command: migrate, check, recover, rules, explain or lsp')
    .recommendCommands()
    .strict()
    .version(pkg.version)
    .help()
    .alias('help', 'h')
    .wrap(Math.min(110, process.stdout.columns ?? 80))
    .fail((message, err) => {
      // Only argument errors reach here (handlers catch their own, see `guarded`).
      // Throwing stops yargs from running the command anyway.
      throw new ArgumentError(message || err?.message || 'invalid arguments');
    });

  try {
    await cli.parseAsync();
  } catch (err) {
    if (!(err instanceof ArgumentError)) throw err;
    process.stderr.write(`awaitify: ${err.message}\nrun 'awaitify --help' for usage\n`);
    exitCode = EXIT.usage;
  }
  if (internalError !== undefined) {
    const detail = internalError instanceof Error ? (internalError.stack ?? internalError.message) : String(internalError);
    process.stderr.write(`awaitify: internal error: ${detail}\nthis is a bug in awaitify; please report it with the command you ran\n`);
    exitCode = EXIT.failed;
  }
  process.exitCode = exitCode;
}

await main();
