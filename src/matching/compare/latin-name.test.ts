import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../features.js';
import { input } from '../fixtures.js';
import { compareLatinParts, latinPartLevels } from './latin-name.js';

function levels(a: { given?: string; surname?: string }, b: { given?: string; surname?: string }): [string | null, string | null] {
  const name = (x: { given?: string; surname?: string }): string => `${x.given ?? ''} ${x.surname ?? ''}`.trim();
  const out = new Int8Array(2);
  compareLatinParts(extractFeatures(input('a', { name: name(a), ...a })), extractFeatures(input('b', { name: name(b), ...b })), out, 0);
  return [out[0]! < 0 ? null : latinPartLevels[out[0]!]!, out[1]! < 0 ? null : latinPartLevels[out[1]!]!];
}

describe('latin given-name and surname levels', () => {
  it('exact', () => expect(levels({ given: 'john', surname: 'smith' }, { given: 'John', surname: 'SMITH' })).toEqual(['exact', 'exact']));
  it('given name and surname swapped', () => {
    expect(levels({ given: 'john', surname: 'smith' }, { given: 'smith', surname: 'john' })).toEqual(['swapped', 'swapped']);
  });
  it('close (Jaro-Winkler ≥ 0.92) and similar (≥ 0.8)', () => {
    expect(levels({ given: 'martha', surname: 'smith' }, { given: 'marhta', surname: 'smith' })).toEqual(['close', 'exact']);
    expect(levels({ given: 'dwayne', surname: 'smith' }, { given: 'duane', surname: 'smith' })).toEqual(['similar', 'exact']);
  });
  it('different', () => expect(levels({ given: 'john', surname: 'smith' }, { given: 'mary', surname: 'smith' })).toEqual(['different', 'exact']));
  it('a part missing on one side is not compared', () => {
    expect(levels({ given: 'elton' }, { given: 'elton', surname: 'john' })).toEqual(['exact', null]);
  });
  it('hanzi names are not latin parts', () => {
    const out = new Int8Array(2);
    compareLatinParts(extractFeatures(input('a', { name: '张伟' })), extractFeatures(input('b', { name: '张伟' })), out, 0);
    expect([...out]).toEqual([-1, -1]);
  });
});
