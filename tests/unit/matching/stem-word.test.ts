import { describe, expect, it } from 'vitest';
import { stemWord } from '../../../src/matching/stem-word';

describe('stemWord', () => {
  it('spells British and American forms one way', () => {
    expect(stemWord('rumours')).toBe(stemWord('rumors'));
    expect(stemWord('rumour')).toBe(stemWord('rumor'));
    expect(stemWord('organised')).toBe(stemWord('organized'));
    expect(stemWord('mobilisation')).toBe(stemWord('mobilization'));
  });

  it('folds the irregular past forms news copy uses onto their base', () => {
    expect(stemWord('sent')).toBe(stemWord('send'));
    expect(stemWord('told')).toBe(stemWord('tell'));
    expect(stemWord('fought')).toBe(stemWord('fighting'));
    expect(stemWord('deployed')).toBe(stemWord('deploy'));
  });

  it('keeps different words apart', () => {
    expect(stemWord('sent')).not.toBe(stemWord('sat'));
    expect(stemWord('tour')).not.toBe(stemWord('tor'));
    expect(stemWord('killed')).not.toBe(stemWord('wounded'));
  });

  it('reads English words that are also names of object properties as ordinary words', () => {
    // A lookup table kept as a plain object would answer "constructor" with a function.
    for (const word of ['constructor', 'valueof', 'tostring', 'hasownproperty', 'proto']) {
      expect(typeof stemWord(word)).toBe('string');
      expect(stemWord(word)).toBe(stemWord(word));
    }
    expect(stemWord('constructors')).toBe(stemWord('constructor'));
  });
});
