import { describe, expect, it } from '@jest/globals';
import { fittedImage, fittedName, imageProblem, nameProblem } from './profile-rules.js';

describe('profile rules', () => {
  it('counts a name in characters, as PostgreSQL does, not UTF-16 units', () => {
    expect(nameProblem('👋'.repeat(100))).toBeUndefined();
    expect(nameProblem('👋'.repeat(101))).toMatchObject({ code: 'INVALID_NAME' });
  });

  it('fits a provider name: controls become spaces, then trimmed to 100 characters without splitting one', () => {
    expect(fittedName('  Ada\u0000\tLovelace\n')).toBe('Ada  Lovelace');
    const fitted = fittedName(`${'a'.repeat(99)}👋🏽 and more`);
    expect(Array.from(fitted)).toHaveLength(100);
    expect(fitted.endsWith('👋')).toBe(true);
    expect(nameProblem(fittedName('x'.repeat(5000)))).toBeUndefined();
  });

  it('keeps only https images within the length', () => {
    expect(fittedImage('https://avatars.example/1.png')).toBe('https://avatars.example/1.png');
    expect(fittedImage('http://avatars.example/1.png')).toBeNull();
    expect(fittedImage(`https://avatars.example/${'i'.repeat(3000)}`)).toBeNull();
    expect(fittedImage('')).toBeNull();
    expect(imageProblem('HTTPS://avatars.example/1.png')).toBeUndefined();
  });
});
