// A jscodeshift transform comparable, per file, to awaitify's fs rules; the
// speed comparison in scripts/corpus/bench.sh runs it next to awaitify.
// It binds the names `fs` modules are imported as (require('fs'), import fs /
// * as fs / { readFileSync } from 'fs' or 'node:fs'), rewrites each
// `<fs>.xSync(...)` / `xSync(...)` call of those bindings into
// `await <fs>.promises.x(...)` / `await fsPromises.x(...)`, and makes the
// enclosing function async. `existsSync` has no promise twin and is skipped;
// nothing crosses files, which is the difference from awaitify being measured.
'use strict';

const FS_MODULES = new Set(['fs', 'node:fs']);

module.exports = function transform(file, api) {
  const j = api.jscodeshift;
  let root;
  try {
    root = j(file.source);
  } catch {
    return undefined; // unparsable input: jscodeshift reports it as skipped
  }
  const namespaces = new Set();
  const named = new Map(); // local name -> fs export name

  root.find(j.ImportDeclaration).forEach((p) => {
    if (!FS_MODULES.has(p.node.source.value)) return;
    for (const s of p.node.specifiers ?? []) {
      if (s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier') namespaces.add(s.local.name);
      else if (s.type === 'ImportSpecifier') named.set(s.local.name, s.imported.name);
    }
  });
  root
    .find(j.VariableDeclarator, { init: { type: 'CallExpression', callee: { type: 'Identifier', name: 'require' } } })
    .forEach((p) => {
      const arg = p.node.init.arguments[0];
      if (!arg || (arg.type !== 'StringLiteral' && arg.type !== 'Literal') || !FS_MODULES.has(arg.value)) return;
      if (p.node.id.type === 'Identifier') namespaces.add(p.node.id.name);
      else if (p.node.id.type === 'ObjectPattern') {
        for (const prop of p.node.id.properties) {
          if (prop.key && prop.value && prop.value.type === 'Identifier') named.set(prop.value.name, prop.key.name);
        }
      }
    });
  if (namespaces.size === 0 && named.size === 0) return undefined;

  let changed = false;
  const asyncify = (path) => {
    for (let p = path.parent; p; p = p.parent) {
      const t = p.node.type;
      if (t === 'FunctionDeclaration' || t === 'FunctionExpression' || t === 'ArrowFunctionExpression' || t === 'ObjectMethod' || t === 'ClassMethod') {
        if (p.node.generator || p.node.kind === 'constructor' || p.node.kind === 'get' || p.node.kind === 'set') return false;
        p.node.async = true;
        return true;
      }
    }
    return false; // module top level: left alone, like awaitify's CommonJS boundary
  };

  root.find(j.CallExpression).forEach((path) => {
    const callee = path.node.callee;
    let replacement;
    if (callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && namespaces.has(callee.object.name)) {
      const name = callee.property.name;
      if (!name || !name.endsWith('Sync') || name === 'existsSync') return;
      replacement = j.memberExpression(j.memberExpression(j.identifier(callee.object.name), j.identifier('promises')), j.identifier(name.slice(0, -4)));
    } else if (callee.type === 'Identifier' && named.has(callee.name)) {
      const name = named.get(callee.name);
      if (!name.endsWith('Sync') || name === 'existsSync') return;
      replacement = j.memberExpression(j.callExpression(j.identifier('require'), [j.stringLiteral('fs')]), j.identifier('promises'));
      replacement = j.memberExpression(replacement, j.identifier(name.slice(0, -4)));
    } else return;
    if (!asyncify(path)) return;
    path.replace(j.awaitExpression(j.callExpression(replacement, path.node.arguments)));
    changed = true;
  });
  return changed ? root.toSource() : undefined;
};
