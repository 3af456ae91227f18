// Targets of a Node project, read from its package.json: the Express major
// (it decides whether handlers need explicit error forwarding), the Node
// version from `engines.node`, and the web framework in use.
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { Targets } from '../core/types.js';

// Package → framework, most specific first: a NestJS or Next.js app often lists express too.
const FRAMEWORKS: [string, string][] = [
  ['@nestjs/core', 'nestjs'],
  ['@nestjs/common', 'nestjs'],
  ['next', 'next'],
  ['fastify', 'fastify'],
  ['koa', 'koa'],
  ['express', 'express'],
  ['@hapi/hapi', 'hapi'],
  ['hapi', 'hapi'],
  ['aws-lambda', 'lambda'],
  ['@types/aws-lambda', 'lambda'],
  ['serverless', 'lambda'],
];

export function detectNodeTargets(root: string): Targets {
  const manifest = readJson(nodePath.join(root, 'package.json'));
  if (!manifest) return {};
  const deps: Record<string, string> = {
    ...(manifest.peerDependencies ?? {}),
    ...(manifest.devDependencies ?? {}),
    ...(manifest.dependencies ?? {}),
  };
  const targets: Targets = {};
  if (deps.express !== undefined) {
    const major = majorOf(deps.express) ?? majorOf(readJson(nodePath.join(root, 'node_modules', 'express', 'package.json'))?.version);
    if (major) targets.express = major;
  }
  // The oldest Node the project supports: rewrites must run there (catalog/node.ts NODE_SINCE).
  const node = minimumVersionOf(manifest.engines?.node);
  if (node) targets.node = node;
  const framework = FRAMEWORKS.find(([pkg]) => deps[pkg] !== undefined);
  if (framework) targets.framework = framework[1];
  return targets;
}

/** `^4.18.2` → '4', `>=18.0.0` → '18', `~5.0.0-beta.1` → '5'; ranges like `*` or tags → undefined. */
export function majorOf(range: unknown): string | undefined {
  if (typeof range !== 'string') return undefined;
  // npm aliases and tags carry no version; `npm:express@4` does.
  const m = /(?:^|[\s^~>=<v@]|\|\|)(\d+)(?:\.(?:\d+|x|\*))?/.exec(range.trim());
  return m ? String(Number(m[1])) : undefined;
}

/**
 * The lowest version a range admits, as 'major' or 'major.minor':
 * `>=14.18.0` → '14.18', `^12.20 || >=14` → '12.20', `>= 0.10` → '0.10', `>=18` → '18'.
 * The lowest bound of each alternative is taken; `*`, tags and upper bounds alone give undefined.
 */
export function minimumVersionOf(range: unknown): string | undefined {
  if (typeof range !== 'string') return undefined;
  let best: [number, number] | undefined;
  for (const part of range.split('||')) {
    // The first comparator that is not an upper bound (`<`, `<=`) is the lower bound.
    const m = /(?:^|\s)(?:>=|>|\^|~|=|v)?\s*v?(\d+)(?:\.(\d+|x|\*))?/.exec(part.replace(/<=?\s*v?[\d.x*]+/g, ' ').trim());
    if (!m) continue;
    const v: [number, number] = [Number(m[1]), /^\d+$/.test(m[2] ?? '') ? Number(m[2]) : 0];
    if (!best || v[0] < best[0] || (v[0] === best[0] && v[1] < best[1])) best = v;
  }
  if (!best) return undefined;
  return best[1] ? `${best[0]}.${best[1]}` : String(best[0]);
}

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  engines?: { node?: string };
}

function readJson(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}
