/** Where templates come from. */
export interface Source {
  name: string;
  read(key: string): string;
  readAsync(key: string): Promise<string>;
  list?(): string[];
}
