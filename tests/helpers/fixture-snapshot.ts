// The reviewed record of a fixture run: the diff a user would see, then every finding.
import { formatDiff } from '../../transforms/core/report/diff.js';
import type { MigrateResult } from '../../transforms/core/pipeline.js';

export function renderFixtureSnapshot(result: MigrateResult): string {
  const findings = result.findings.map(
    (f) => `${f.path}:${f.line}:${f.column} ${f.rule} [${f.safety}${f.applied ? ', applied' : ''}${f.heldBy ? `, held back by the comment at ${f.heldBy}` : ''}] ${f.message}`,
  );
  const suppressed = (result.suppressed ?? []).map((s) => `${s.path}:${s.line}:${s.column} ${s.rule} (comment at line ${s.commentLine}, ${s.heldBack} held back) ${s.message}`);
  const boundaries = result.plan.boundaries.map((b) => `${b.path}:${b.line}:${b.column} ${b.kind} in ${b.function} (callee ${b.callee}): ${b.reason}`);
  return [
    '# diff',
    formatDiff(result.files) || '(no changes)\n',
    '# findings',
    ...(findings.length ? findings : ['(none)']),
    ...(suppressed.length ? ['# suppressed', ...suppressed] : []),
    '# boundaries',
    ...(boundaries.length ? boundaries : ['(none)']),
    '',
  ].join('\n');
}
