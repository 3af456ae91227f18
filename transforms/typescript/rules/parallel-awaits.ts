// parallel-awaits: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const parallelAwaitsRule: RuleMeta = {
  id: RULE.parallelAwaits,
  language: 'typescript',
  safety: 'review',
  optIn: true,
  exampleExt: 'js',
  docs: {
    summary: 'Opt-in: runs consecutive independent awaits together with `await Promise.all([...])`.',
    whatItDoes:
      'Finds consecutive statements that each await one call (`const a = await f();`, `await g();`) where no later call reads an earlier result, and every call is trusted to only read (fs/promises reads, `fetch` without a method or body, methods named get/find/read/load/list/..., project functions that only compute locally and make such calls), and rewrites them as one `const [a, b] = await Promise.all([f(), g()]);`. Statements with type annotations, comments between them, or edits from other rules are left alone. Runs only when selected with `--rules parallel-awaits`.',
    why: 'Sequential awaits of independent I/O add their latencies; started together, a handler waits only as long as the slowest call.',
    example: {
      before: "// fixture-options: rules=parallel-awaits\nasync function profile(id) {\n  const user = await fetch(`/users/${id}`);\n  const posts = await fetch(`/users/${id}/posts`);\n  return { user, posts };\n}\n",
      after: "async function profile(id) {\n  const [user, posts] = await Promise.all([fetch(`/users/${id}`), fetch(`/users/${id}/posts`)]);\n  return { user, posts };\n}\n",
    },
    safety: 'Review: the calls now overlap in time (a server sees them concurrently), and when several fail, the rejection thrown is the first to happen rather than the first call\'s. Calls that write are never grouped, but "only reads" is judged from names for code awaitify cannot see.',
  },
};
