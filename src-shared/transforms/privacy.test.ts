import { describe, expect, it } from 'vitest';
import { hash, mask } from './privacy';
import type { CellValue } from './transform';

function masked(value: CellValue, params: Record<string, unknown> = {}) {
  return mask.apply(value, mask.params.parse(params));
}

function hashed(value: CellValue, params: Record<string, unknown> = {}) {
  return hash.apply(value, hash.params.parse(params));
}

describe('mask', () => {
  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    ['4111111111111111', {}, '************1111'],
    ['4111-1111-1111-1111', { keepCharacters: '-' }, '****-****-****-1111'],
    ['jane.doe@example.com', { keepStart: 1, keepEnd: 0, keepCharacters: '@.' }, 'j***.***@*******.***'],
    ['Secret', { keepStart: 2, keepEnd: 2, maskCharacter: '•' }, 'Se••et'],
    ['1234', {}, '****'],
    ['123', { keepStart: 1, keepEnd: 1 }, '1*3'],
    ['12', { keepStart: 1, keepEnd: 1 }, '**'],
    ['Zoë😀x', { keepEnd: 1, maskCharacter: '#' }, '####x'],
    [123456789, {}, '*****6789'],
    ['', {}, ''],
  ])('%j %j → %j', (value, params, expected) => {
    expect(masked(value, params)).toEqual({ ok: true, value: expected });
  });

  it('refuses binary', () => {
    expect(masked(new Uint8Array(8))).toEqual({ ok: false, reason: 'a binary value (8 bytes) is not text.' });
  });
});

describe('hash', () => {
  it.each<[CellValue, Record<string, unknown>, string]>([
    // Known answers: FIPS 180-2 "abc" and RFC 4231 test case 2.
    ['abc', {}, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abc',
      { algorithm: 'sha512' },
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
    [
      'what do ya want for nothing?',
      { salt: 'Jefe' },
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    ['', {}, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [new Uint8Array([0x61, 0x62, 0x63]), {}, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [123, {}, 'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3'],
    ['Zoë', {}, 'c6a12698582fc1104ea24107a2d7268145ff06ef859707729d01fd060897f067'],
  ])('%s %j → %s', (value, params, expected) => {
    expect(hashed(value, params)).toEqual({ ok: true, value: expected });
  });

  it('gives the same digest for the same input and salt, and another for another salt', () => {
    const [a, b, c] = [hashed('x', { salt: 's1' }), hashed('x', { salt: 's1' }), hashed('x', { salt: 's2' })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});
