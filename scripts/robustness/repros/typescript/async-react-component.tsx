// awaitify robustness repro (--entry all), rule: async-propagation.
// `Label` is a React function component (returns JSX, called by React). It
// calls `load`, which becomes async, so awaitify makes the component async:
//     export const Label = async () => <span>{await load('x')}</span>;
// A client component cannot be async (React renders the Promise: "Objects are
// not valid as a React child"); only server components may be.
// Expected: a function that returns JSX is a sync boundary (report it), unless
// the project is known to use async server components.
import { readFileSync } from 'fs';

export const load = (p: string): string => readFileSync(p, 'utf8');
export const Label = () => <span>{load('x')}</span>;
