import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface Config {
  port: number;
}

/** Reads the config file. */
export function readConfig(path: string): Config {
  return JSON.parse(readFileSync(path, 'utf8')) as Config;
}

export async function readConfigAsync(path: string): Promise<Config> {
  return JSON.parse(await readFile(path, 'utf8')) as Config;
}

export class Store {
  constructor(private readonly path: string) {}

  load(): Config {
    return readConfig(this.path);
  }

  async loadAsync(): Promise<Config> {
    return await readConfigAsync(this.path);
  }

  get port(): number {
    return this.load().port;
  }
}

export const defaults: Config = readConfig('defaults.json');
