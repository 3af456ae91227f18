import { readFile } from 'node:fs/promises';

export interface Repository {
  find(id: string): Promise<User>;
  count: () => number;
}

export interface User {
  id: string;
}

export abstract class BaseRepo implements Repository {
  abstract find(id: string): Promise<User>;

  count(): number {
    return 0;
  }

  describe(): string {
    return 'base';
  }
}

export class FileRepo extends BaseRepo {
  async find(id: string): Promise<User> {
    return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));
  }
}

export class MemoryRepo implements Repository {
  async find(id: string): Promise<User> {
    return { id };
  }

  count(): number {
    return 1;
  }
}

export type Found = Awaited<ReturnType<typeof loadUser>>;

export async function loadUser(repo: Repository, id: string) {
  return await repo.find(id);
}
