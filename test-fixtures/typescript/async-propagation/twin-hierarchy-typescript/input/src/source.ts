/** Where templates come from. */
export interface Source {
  name: string;
  read(key: string): string;
  list?(): string[];
}
