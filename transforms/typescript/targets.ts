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
  const nodeRange = manifest.engines?.node;
  if (typeof nodeRange === 'string') {
    const major = majorOf(nodeRange);
    if (major) targets.node = major;
  }
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
