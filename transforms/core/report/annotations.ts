// GitHub Actions workflow commands: one annotation per finding and per failed file.
// GitHub shows only the first few annotations of a step, so the CLI also writes
// the Markdown summary to $GITHUB_STEP_SUMMARY.
import type { Safety } from '../types.js';
import { compareText, sortFindings } from './counts.js';
import type { ReportInput } from './input.js';

const COMMAND: Record<Safety, string> = { manual: 'warning', review: 'notice', safe: 'notice' };

/**
 * `prefix`: the root's path inside its git work tree (`web/`): GitHub places an annotation by
 * its path from the repository root, wherever awaitify runs. `check`: the run changes nothing,
 * so no title says "applied".
 */
export function formatAnnotations(result: ReportInput, options: { prefix?: string; check?: boolean; written?: boolean } = {}): string {
  const prefix = options.prefix ?? '';
  const lines: string[] = [];
  for (const f of [...result.files].sort((a, b) => compareText(a.path, b.path))) {
    if (f.status !== 'failed') continue;
    lines.push(command('error', { file: prefix + f.path, line: f.line, title: 'awaitify could not migrate this file' }, f.reason ?? 'failed'));
  }
  for (const f of sortFindings(result.findings)) {
    const title = `awaitify ${f.rule} (${f.safety}${f.applied && !options.check ? `, ${options.written ? 'applied' : 'fix ready'}` : ''})`;
    lines.push(
      command(COMMAND[f.safety], { file: prefix + f.path, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title }, f.message),
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function command(name: string, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name} ${list}::${escapeData(message)}`;
}

// The escapes GitHub's runner (actions/toolkit `command.ts`) decodes.
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
