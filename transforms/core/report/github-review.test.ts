import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../git-diff.js';
import type { Finding } from '../types.js';
import { guardReview, migrationReview } from './github-review.js';
import type { ReportInput } from './input.js';

const plan = { entries: [], asyncFunctions: [], awaitedCalls: [], boundaries: [] };
const options = { summary: '## summary\n', ruleUrl: (id: string) => `https://docs.test/${id}` };
const manual = (path: string, line: number): Finding => ({ rule: 'blocking-call-unmigrated', path, line, column: 1, message: 'stays sync: a getter cannot be async', safety: 'manual', edits: [], unit: 'u9' });

// b.js gains two lines at the top (1-2) and line 9 changes; the rest moves down by two.
const diff = parseUnifiedDiff(`diff --git a/b.js b/b.js
--- a/b.js
+++ b/b.js
@@ -0,0 +1,2 @@
+// one
+// two
@@ -7,3 +9,3 @@
 seven
-eight
+EIGHT
 nine
`);

describe('parseUnifiedDiff', () => {
  it('reads hunks and the added lines of the new side', () => {
    const file = diff.get('b.js')!;
    expect(file.hunks).toEqual([
      { oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 },
      { oldStart: 7, oldLines: 3, newStart: 9, newLines: 3 },
    ]);
    expect([...file.added]).toEqual([1, 2, 10]);
  });
});

describe('guardReview', () => {
  it('comments a manual finding on a line the pull request adds, without a suggestion; one elsewhere stays out', () => {
    const result: ReportInput = { root: '/r', files: [], findings: [manual('b.js', 10), manual('b.js', 4)], plan, targets: {}, rules: [] };
    const review = guardReview(result, diff, options);
    expect(review.comments).toEqual([{ path: 'b.js', line: 10, side: 'RIGHT', body: '**[`blocking-call-unmigrated`](https://docs.test/blocking-call-unmigrated)** · ✋ manual: stays sync: a getter cannot be async' }]);
    expect(review.body).toBe('## summary\n');
  });
});

describe('migrationReview', () => {
  it('puts a manual finding of the base on its head line when that line is in a hunk, in the body otherwise', () => {
    // Base line 8 ('eight') was changed by the pull request; base line 2 is now head line 4, outside every hunk.
    const base: ReportInput = { root: '/r', files: [], findings: [manual('b.js', 7), manual('b.js', 2)], plan, targets: {}, rules: [] };
    const changed = parseUnifiedDiff('--- a/b.js\n+++ b/b.js\n@@ -0,0 +1,2 @@\n+// one\n+// two\n@@ -8 +10 @@\n-eight\n+EIGHT\n');
    const review = migrationReview(base, diff, changed, { ...options, headText: () => undefined });
    expect(review.comments).toEqual([
      { path: 'b.js', start_line: 1, start_side: 'RIGHT', line: 2, side: 'RIGHT', body: 'Not a change awaitify makes (a dry run on the base does not make it): a change by hand, review it as such.' },
      { path: 'b.js', line: 9, side: 'RIGHT', body: '**[`blocking-call-unmigrated`](https://docs.test/blocking-call-unmigrated)** · ✋ manual: stays sync: a getter cannot be async' },
      { path: 'b.js', line: 10, side: 'RIGHT', body: 'Not a change awaitify makes (a dry run on the base does not make it): a change by hand, review it as such.' },
    ]);
    expect(review.body).toBe('## summary\n\n### Not on a line of this pull request\n\n- `b.js:4`: [`blocking-call-unmigrated`](https://docs.test/blocking-call-unmigrated) (✋ manual)\n');
  });
});
