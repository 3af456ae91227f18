import { readFileSync } from 'node:fs';

export interface Config {
  port: number;
}

/** Reads the config file. */
export function readConfig(path: string): Config {
  return JSON.parse(readFileSync(path, 'utf8')) as Config;
}

export class Store {
  constructor(private readonly path: string) {}

  load(): Config {
    return readConfig(this.path);
  }

  get port(): number {
    return this.load().port;
  }
}

export const defaults: Config = readConfig('defaults.json');
