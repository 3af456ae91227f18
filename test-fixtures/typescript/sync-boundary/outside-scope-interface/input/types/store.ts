export interface Store {
  load(key: string): string;
}
