// Path globs as regular expressions: discovery walks the directories itself
// (so .gitignore, the skip list, symlink containment and special files are
// handled one way for walks and globs alike) and matches paths with these.

/** Whether a path argument is a glob rather than a literal path. */
export const GLOB_CHARS = /[*?[\]{}]/;

/**
 * A glob (`src/**\/*.js`, `lib/{a,b}/*.ts`, `x?.[jt]s`) as an anchored regular
 * expression over forward-slash paths: `*` and `?` stay inside one segment,
 * `**` spans any number of segments (zero included), `[...]`/`[!...]` are
 * character classes, `{a,b}` alternatives (nested allowed), `\x` a literal x.
 */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${convert(glob, 0, false).out}$`);
}

function convert(glob: string, start: number, inBraces: boolean): { out: string; end: number } {
  let out = '';
  let i = start;
  for (; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) {
      out += escape(glob[++i]!);
    } else if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        const atStart = i - 1 === 0 || glob[i - 2] === '/';
        if (atStart && glob[i + 1] === '/') {
          // `**/`: zero or more whole segments.
          out += '(?:[^/]+/)*';
          i++;
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        const body = glob.slice(i + 1, close);
        out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = close;
      }
    } else if (c === '{') {
      const alternatives: string[] = [];
      let j = i + 1;
      for (;;) {
        const part = convert(glob, j, true);
        alternatives.push(part.out);
        j = part.end;
        if (glob[j] !== ',') break;
        j++;
      }
      if (glob[j] === '}') {
        out += `(?:${alternatives.join('|')})`;
        i = j;
      } else out += '\\{';
    } else if (inBraces && (c === ',' || c === '}')) {
      return { out, end: i };
    } else {
      out += escape(c);
    }
  }
  return { out, end: i };
}

function escape(c: string): string {
  return c.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}

/**
 * A glob split into the literal directories before its first wildcard
 * (`src/app` of `src/app/**\/*.js`) and the rest, matched against paths
 * relative to that base.
 */
export function splitGlob(glob: string): { base: string[]; rest: string } {
  const parts = glob.split('/');
  const wild = parts.findIndex((part) => GLOB_CHARS.test(part));
  return { base: parts.slice(0, wild), rest: parts.slice(wild).join('/') };
}
