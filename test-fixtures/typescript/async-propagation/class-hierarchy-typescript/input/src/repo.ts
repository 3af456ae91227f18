import { readFileSync } from 'node:fs';

export interface Repository {
  find(id: string): User;
  count: () => number;
}

export interface User {
  id: string;
}

export abstract class BaseRepo implements Repository {
  abstract find(id: string): User;

  count(): number {
    return 0;
  }

  describe(): string {
    return 'base';
  }
}

export class FileRepo extends BaseRepo {
  find(id: string): User {
    return JSON.parse(readFileSync(`users/${id}.json`, 'utf8'));
  }
}

export class MemoryRepo implements Repository {
  find(id: string): User {
    return { id };
  }

  count(): number {
    return 1;
  }
}

export type Found = ReturnType<typeof loadUser>;

export function loadUser(repo: Repository, id: string) {
  return repo.find(id);
}
