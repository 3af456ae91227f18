import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { HttpError } from './types.js';

export function readJson<T>(file: string, what: string): T {
  if (!existsSync(file)) {
    throw new HttpError(404, `${what} not found`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

const ID = /^[a-z0-9-]+$/;

export function checkId(id: string): string {
  if (!ID.test(id)) {
    throw new HttpError(400, `invalid id: ${id}`);
  }
  return id;
}
