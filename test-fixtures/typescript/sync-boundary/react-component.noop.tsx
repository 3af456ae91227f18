// fixture-options: entry=all
// React renders function components (and render helpers) synchronously:
// `Label` and `renderRow` keep their sync form, and so does `load`.
import { readFileSync } from 'fs';

export const load = (p: string): string => readFileSync(p, 'utf8');
export const Label = () => <span>{load('x')}</span>;

function renderRow(name: string) {
  return name ? <li>{load(name)}</li> : null;
}

export function List({ names }: { names: string[] }) {
  return <ul>{names.map(renderRow)}</ul>;
}
