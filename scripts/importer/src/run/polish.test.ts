import { describe, expect, it } from 'vitest';
import { count, PHOTOS, SUGGESTIONS } from './polish.ts';

describe('Polish counted nouns', () => {
  it('uses the one, few and many forms', () => {
    expect([0, 1, 2, 4, 5, 12, 14, 21, 22, 25, 102, 112].map((n) => count(n, PHOTOS))).toEqual([
      '0 zdjęć', '1 zdjęcie', '2 zdjęcia', '4 zdjęcia', '5 zdjęć', '12 zdjęć', '14 zdjęć', '21 zdjęć', '22 zdjęcia', '25 zdjęć', '102 zdjęcia', '112 zdjęć',
    ]);
    expect(count(3, SUGGESTIONS)).toBe('3 propozycje');
  });
});
