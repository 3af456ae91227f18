// Whether a Python project may import a third-party package that a rewrite
// would add (httpx for the requests rewrite). A rewrite that adds an import of
// a package the project does not have breaks every module that imports the
// changed one, at start-up; so a package counts as available only when the
// project already imports it or a dependency manifest on the way from the
// module up to the root names it.
//
// A language server's re-analysis after an edit keeps the manifests read (see
// KeptManifests): a directory's are read again only when the directory, its
// requirements/ folder or one of the manifests read changed size or mtime.
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { requirementFiles } from './targets.js';

/** `declared`: the project imports it or a manifest names it; `undeclared`: manifests exist and none does; `unknown`: no manifest. */
export type Dependency = 'declared' | 'undeclared' | 'unknown';

/** Files that list what a Python project installs, lockfiles included (they name what is installed with it). */
const MANIFESTS = new Set(['pyproject.toml', 'setup.cfg', 'setup.py', 'Pipfile', 'Pipfile.lock', 'poetry.lock', 'uv.lock', 'pdm.lock']);

export class DependencyIndex {
  private readonly manifestsByDir = new Map<string, string[]>();
  private readonly imported = new Map<string, boolean>();
  /** Answers by package and module folder: every function of a module asks, and a lockfile is long to scan. */
  private readonly answers = new Map<string, Dependency>();

  constructor(
    private readonly root: string,
    /** The texts of the project's Python modules (for what it imports already). */
    private readonly moduleTexts: () => Iterable<string>,
    /** The manifests an earlier run on this project read (AdapterRunContext.memo), used while their stamps hold. */
    private readonly kept?: KeptManifests,
  ) {}

  /** Whether `pkg` may be imported from the module at `absPath` (see Dependency). */
  of(pkg: string, absPath: string): Dependency {
    const start = path.dirname(path.resolve(absPath));
    const key = `${pkg}\0${start}`;
    let answer = this.answers.get(key);
    if (answer === undefined) this.answers.set(key, (answer = this.compute(pkg, start)));
    return answer;
  }

  private compute(pkg: string, start: string): Dependency {
    if (this.importedByProject(pkg)) return 'declared';
    const name = packagePattern(pkg);
    let seen = false;
    const root = path.resolve(this.root);
    for (let dir = start; ; dir = path.dirname(dir)) {
      for (const text of this.manifests(dir)) {
        seen = true;
        if (name.test(text)) return 'declared';
      }
      if (dir === root || !dir.startsWith(root + path.sep)) break;
    }
    return seen ? 'undeclared' : 'unknown';
  }

  private importedByProject(pkg: string): boolean {
    let known = this.imported.get(pkg);
    if (known === undefined) {
      const pattern = new RegExp(`^[ \\t]*(?:import[ \\t]+${escape(pkg)}\\b|from[ \\t]+${escape(pkg)}(?:\\.[\\w.]+)?[ \\t]+import\\b)`, 'm');
      known = false;
      for (const text of this.moduleTexts()) {
        if (pattern.test(text)) {
          known = true;
          break;
        }
      }
      this.imported.set(pkg, known);
    }
    return known;
  }

  /** The texts of the manifests in one directory (and its requirements/ folder). */
  private manifests(dir: string): string[] {
    let texts = this.manifestsByDir.get(dir);
    if (!texts) {
      const stamp = `${stampOf(dir)}|${stampOf(path.join(dir, 'requirements'))}`;
      const kept = this.kept?.get(dir);
      if (kept && kept.stamp === stamp && kept.files.every((f) => stampOf(f.path) === f.stamp)) {
        texts = kept.texts;
      } else {
        const read: string[] = [];
        const files: { path: string; stamp: string }[] = [];
        const readManifest = (file: string) => {
          // Stamped before it is read (one stat for the stamp and the file test): a change made while it is read shows next time.
          const stat = statSync(file, { throwIfNoEntry: false });
          files.push({ path: file, stamp: stampFrom(stat) });
          try {
            if (stat?.isFile()) read.push(readFileSync(file, 'utf8'));
          } catch {
            // unreadable: as if absent
          }
        };
        const entries = list(dir);
        for (const entry of entries) if (MANIFESTS.has(entry)) readManifest(path.join(dir, entry));
        for (const rel of requirementFiles(dir, entries)) readManifest(path.join(dir, rel));
        texts = read;
        this.kept?.set(dir, { stamp, files, texts });
      }
      this.manifestsByDir.set(dir, texts);
    }
    return texts;
  }
}

/**
 * The manifests read in each directory, kept between runs on one project: the
 * stamp (size and mtime) of the directory and of its requirements/ folder (an
 * entry created, removed or renamed changes it) and of each manifest read.
 */
export type KeptManifests = Map<string, { stamp: string; files: { path: string; stamp: string }[]; texts: string[] }>;

function stampOf(file: string): string {
  return stampFrom(statSync(file, { throwIfNoEntry: false }));
}

function stampFrom(stat: Stats | undefined): string {
  return stat ? `${stat.size}:${stat.mtimeMs}` : '-';
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The package's name as a requirement (PEP 503: case, `-`, `_` and `.` are alike), not as part of another name. */
function packagePattern(pkg: string): RegExp {
  const name = pkg.split(/[-_.]+/).map(escape).join('[-_.]+');
  return new RegExp(`(?:^|[^\\w.-])${name}(?![\\w-]|\\.\\w)`, 'im');
}
