// Grammar errors TypeScript's parser accepts (it reports them from the type
// checker) but JavaScript engines reject: `await` outside an async function,
// in a parameter default, in a class field initialiser or static block, and
// at the top level of a CommonJS file. The verifier runs this on every changed
// file; a walk of the tree is far cheaper than asking the checker, whose
// semantic pass would type-check the whole file.
import { ts } from 'ts-morph';

/** The first misplaced `await` (or `for await`) in a file, 1-based line. */
export function firstAwaitGrammarError(sf: ts.SourceFile, path: string): { line: number; message: string } | undefined {
  if (!sf.text.includes('await')) return undefined;
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  const commonJs = ext === '.cjs' || ext === '.cts';
  const esm = ext === '.mjs' || ext === '.mts' || ts.isExternalModule(sf);
  // A `.js` file without import/export may still be an ES module (`"type": "module"`): only one that uses CommonJS counts as a script.
  const script = commonJs || (!esm && /\brequire\s*\(|\bmodule\.exports\b/.test(sf.text));
  let found: { line: number; message: string } | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const isAwait = ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined);
    if (isAwait) {
      const problem = awaitProblem(node, script);
      if (problem) {
        found = { line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, message: problem };
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function awaitProblem(node: ts.Node, script: boolean): string | undefined {
  for (let n: ts.Node | undefined = node.parent, child: ts.Node = node; n; child = n, n = n.parent) {
    if (ts.isParameter(n) && child !== n.name) return "'await' expressions cannot be used in a parameter initializer";
    if (ts.isParameter(n) && (ts.isObjectBindingPattern(n.name) || ts.isArrayBindingPattern(n.name))) return "'await' expressions cannot be used in a parameter initializer";
    if (ts.isFunctionLike(n) && !ts.isFunctionTypeNode(n)) {
      const isAsync = (ts.canHaveModifiers(n) ? (ts.getModifiers(n) ?? []) : []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
      return isAsync ? undefined : "'await' expressions are only allowed within async functions";
    }
    if (ts.isClassStaticBlockDeclaration(n)) return "'await' is not allowed in a class static block";
    if (ts.isPropertyDeclaration(n) && child === n.initializer) return "'await' is not allowed in a class field initializer";
    if (ts.isComputedPropertyName(n) && n.parent && ts.isClassElement(n.parent)) continue;
    if (ts.isSourceFile(n)) return script ? "'await' at the top level of a file that is not an ES module" : undefined;
  }
  return undefined;
}
