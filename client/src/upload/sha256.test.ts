import { createHash, randomBytes } from 'node:crypto';
import { sha256Base64 } from './sha256';

test('matches node:crypto on empty, block-boundary and random inputs', () => {
  for (const size of [0, 1, 55, 56, 63, 64, 65, 1000, 100_003]) {
    const bytes = size === 0 ? new Uint8Array() : new Uint8Array(randomBytes(size));
    expect(sha256Base64(bytes)).toBe(createHash('sha256').update(bytes).digest('base64'));
  }
});
