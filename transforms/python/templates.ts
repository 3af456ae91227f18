// Reads Django templates for the variable paths they touch
// (`{{ book.author.name }}`, `{% for b in books %}{{ b.author }}`), following
// {% extends %} and {% include %}, so lazy relations can be loaded in the view.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface TemplateReads {
  /** Variable paths with loop aliases expanded; `[]` marks "an element of". */
  paths: string[][];
  /** Why the reads cannot be fully known (a custom tag library, a variable include, ...). */
  unknown?: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'venv', '.venv', '__pycache__', 'dist', 'build', '.tox', 'site-packages']);
const SAFE_LIBRARIES = new Set(['static', 'i18n', 'l10n', 'tz', 'cache']);
const WORDS = new Set(['in', 'and', 'or', 'not', 'is', 'as', 'None', 'True', 'False', 'reversed', 'with', 'only', 'silent', 'on', 'off']);

export class TemplateIndex {
  private files?: string[];
  private readonly cache = new Map<string, TemplateReads>();

  constructor(private readonly root: string) {}

  /** Absolute path of `name` under any `templates/` directory of the project. */
  find(name: string): string | undefined {
    this.files ??= collect(this.root);
    const suffix = `/templates/${name}`;
    return this.files.find((f) => f.split(path.sep).join('/').endsWith(suffix));
  }

  reads(name: string, seen = new Set<string>()): TemplateReads {
    const cached = this.cache.get(name);
    if (cached) return cached;
    if (seen.has(name)) return { paths: [] };
    seen.add(name);
    const file = this.find(name);
    if (!file) return { paths: [], unknown: `template ${name} was not found under a templates/ directory` };
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return { paths: [], unknown: `template ${name} could not be read` };
    }
    const result = this.parse(text, seen);
    this.cache.set(name, result);
    return result;
  }

  private parse(text: string, seen: Set<string>): TemplateReads {
    const out: TemplateReads = { paths: [] };
    const scopes: Map<string, string[] | null>[] = [new Map()];
    const alias = (name: string): string[] | null | undefined => {
      for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].has(name)) return scopes[i].get(name);
      return undefined;
    };
    const expand = (token: string): string[] | null => {
      const parts = token.split('.');
      const a = alias(parts[0]);
      if (a === null) return null;
      return a ? [...a, ...parts.slice(1)] : parts;
    };
    const record = (expr: string) => {
      for (const token of variables(expr)) {
        const p = expand(token);
        if (p === null) {
          if (token.includes('.')) out.unknown ??= `the template reads ${token} from a value it unpacked`;
          continue;
        }
        out.paths.push(p);
      }
    };
    const tagRe = /\{%-?\s*([\s\S]*?)\s*-?%\}|\{\{\s*([\s\S]*?)\s*\}\}|\{#[\s\S]*?#\}/g;
    let inComment = false;
    for (const m of text.matchAll(tagRe)) {
      if (m[2] !== undefined) {
        if (!inComment) record(m[2]);
        continue;
      }
      if (m[1] === undefined) continue;
      const tag = m[1];
      const [name, ...rest] = tag.split(/\s+/);
      const args = rest.join(' ');
      if (name === 'comment') inComment = true;
      if (name === 'endcomment') inComment = false;
      if (inComment) continue;
      switch (name) {
        case 'for': {
          const fm = /^(.+?)\s+in\s+(.+?)(\s+reversed)?$/.exec(args);
          const scope = new Map<string, string[] | null>();
          if (fm) {
            const targets = fm[1].split(',').map((s) => s.trim());
            const source = variables(fm[2])[0];
            const base = source ? expand(source) : null;
            record(fm[2]);
            for (const t of targets) scope.set(t, targets.length === 1 && base ? [...base, '[]'] : null);
          }
          scopes.push(scope);
          break;
        }
        case 'endfor':
        case 'endwith':
          if (scopes.length > 1) scopes.pop();
          break;
        case 'with': {
          const scope = new Map<string, string[] | null>();
          for (const w of args.matchAll(/(\w+)=(\S+)/g)) {
            const v = variables(w[2])[0];
            scope.set(w[1], v ? expand(v) : null);
            record(w[2]);
          }
          const legacy = /^(\S+)\s+as\s+(\w+)$/.exec(args);
          if (legacy) {
            const v = variables(legacy[1])[0];
            scope.set(legacy[2], v ? expand(v) : null);
            record(legacy[1]);
          }
          scopes.push(scope);
          break;
        }
        case 'extends':
        case 'include': {
          const lit = /^["']([^"']+)["']/.exec(args);
          if (!lit) {
            out.unknown ??= `{% ${name} %} names its template through a variable`;
            break;
          }
          const inner = this.reads(lit[1], seen);
          if (inner.unknown) out.unknown ??= inner.unknown;
          // An included template sees the including scope's loop variables.
          for (const p of inner.paths) {
            const a = alias(p[0]);
            out.paths.push(a ? [...a, ...p.slice(1)] : p);
          }
          const withArgs = /\swith\s+(.*)$/.exec(args);
          if (withArgs) record(withArgs[1]);
          break;
        }
        case 'load': {
          const libs = args.split(/\s+/).filter((l) => l && l !== 'from');
          const custom = libs.find((l) => !SAFE_LIBRARIES.has(l));
          if (custom) out.unknown ??= `the template loads the tag library ${custom}, whose tags may run queries`;
          break;
        }
        case 'block':
        case 'endblock':
        case 'csrf_token':
        case 'verbatim':
        case 'endverbatim':
        case 'spaceless':
        case 'endspaceless':
        case 'autoescape':
        case 'endautoescape':
        case 'else':
        case 'empty':
        case 'endif':
        case 'static':
        case 'now':
        case 'trans':
        case 'translate':
          break;
        default:
          record(args);
      }
    }
    return out;
  }
}

/** Variable references in a template expression: strings, numbers, filters and keywords removed. */
export function variables(expr: string): string[] {
  const cleaned = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\|\s*\w+/g, ' ')
    .replace(/\bas\s+\w+\s*$/, ' ');
  const out: string[] = [];
  for (const m of cleaned.matchAll(/(^|[^\w.])([A-Za-z_]\w*(?:\.\w+)*)/g)) {
    if (!WORDS.has(m[2])) out.push(m[2]);
  }
  return out;
}

function collect(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 12) return;
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries) {
      if (SKIP_DIRS.has(e)) continue;
      const abs = path.join(dir, e);
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(abs, depth + 1);
      else if (abs.split(path.sep).includes('templates')) out.push(abs);
    }
  };
  if (existsSync(root)) walk(root, 0);
  return out;
}
