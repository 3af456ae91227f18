import { describe, expect, it } from 'vitest';
import { globToRegExp, splitGlob } from './glob.js';

const matching = (glob: string, paths: string[]) => paths.filter((p) => globToRegExp(glob).test(p));

describe('globToRegExp', () => {
  const paths = ['a.js', 'src/a.js', 'src/b.ts', 'src/x/y/c.js', 'src/x/y/c.jsx', 'lib/a.js', 'srcx/a.js'];

  it('keeps * and ? inside one segment and lets ** span any number of them', () => {
    expect(matching('*.js', paths)).toEqual(['a.js']);
    expect(matching('src/*.js', paths)).toEqual(['src/a.js']);
    expect(matching('src/**/*.js', paths)).toEqual(['src/a.js', 'src/x/y/c.js']);
    expect(matching('**/*.js', paths)).toEqual(['a.js', 'src/a.js', 'src/x/y/c.js', 'lib/a.js', 'srcx/a.js']);
    expect(matching('src/**', paths)).toEqual(['src/a.js', 'src/b.ts', 'src/x/y/c.js', 'src/x/y/c.jsx']);
    expect(matching('?.js', paths)).toEqual(['a.js']);
  });

  it('reads classes, alternatives and escapes', () => {
    expect(matching('src/*.[jt]s', paths)).toEqual(['src/a.js', 'src/b.ts']);
    expect(matching('src/*.[!j]s', paths)).toEqual(['src/b.ts']);
    expect(matching('{src,lib}/*.js', paths)).toEqual(['src/a.js', 'lib/a.js']);
    expect(matching('src/**/*.{js,jsx}', paths)).toEqual(['src/a.js', 'src/x/y/c.js', 'src/x/y/c.jsx']);
    expect(globToRegExp('a\\*.js').test('a*.js')).toBe(true);
    expect(globToRegExp('a\\*.js').test('ab.js')).toBe(false);
    expect(globToRegExp('x.(js)').test('x.(js)')).toBe(true);
  });
});

describe('splitGlob', () => {
  it('splits the literal directories before the first wildcard from the rest', () => {
    expect(splitGlob('src/app/**/*.js')).toEqual({ base: ['src', 'app'], rest: '**/*.js' });
    expect(splitGlob('../other/*.js')).toEqual({ base: ['..', 'other'], rest: '*.js' });
    expect(splitGlob('**/*.ts')).toEqual({ base: [], rest: '**/*.ts' });
  });
});
