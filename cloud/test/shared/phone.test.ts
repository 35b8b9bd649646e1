import { describe, expect, it } from 'vitest';
import { decryptPhone, encryptPhone, maskPhone, phoneLookupHash, phoneSchema, protectPhone } from '../../src/shared/phone.js';
import { maskPhonesInText } from '../../src/logger.js';

const key = Buffer.alloc(32, 3);

describe('phone protection', () => {
  it('encrypts so the stored value does not contain the number, and decrypts back', () => {
    const enc = encryptPhone('13812345678', key);
    expect(enc).not.toContain('13812345678');
    expect(decryptPhone(enc, key)).toBe('13812345678');
  });

  it('uses a fresh IV: the same number encrypts differently each time', () => {
    expect(encryptPhone('13812345678', key)).not.toBe(encryptPhone('13812345678', key));
  });

  it('refuses a tampered ciphertext or a wrong key', () => {
    const enc = encryptPhone('13812345678', key);
    const parts = enc.split('.');
    parts[3] = Buffer.from('00000000000', 'utf8').toString('base64url');
    expect(() => decryptPhone(parts.join('.'), key)).toThrow();
    expect(() => decryptPhone(enc, Buffer.alloc(32, 4))).toThrow();
  });

  it('masks as 138****5678, in text too', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhonesInText('call 13812345678 now')).toBe('call 138****5678 now');
  });

  it('gives a stable keyed lookup hash', () => {
    expect(phoneLookupHash('13812345678', key)).toBe(phoneLookupHash('13812345678', key));
    expect(phoneLookupHash('13812345678', key)).not.toBe(phoneLookupHash('13812345679', key));
    expect(protectPhone('13812345678', key)).toMatchObject({ masked: '138****5678' });
  });

  it('accepts a mainland mobile with spaces and rejects others', () => {
    expect(phoneSchema.parse('138 1234 5678')).toBe('13812345678');
    expect(phoneSchema.safeParse('12345').success).toBe(false);
    expect(phoneSchema.safeParse('23812345678').success).toBe(false);
  });
});
