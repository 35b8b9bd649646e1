import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { maskPhone } from '../logger.js';

export { maskPhone };

/** A mainland mobile number (11 digits starting 1[3-9]); spaces and dashes are dropped. */
export const phoneSchema = z
  .string()
  .max(20)
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, '请输入有效的手机号码'));

/** Encrypts a phone number for storage with AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function encryptPhone(phone: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** Decrypts what encryptPhone produced; throws if the value was tampered with or the key is wrong. */
export function decryptPhone(stored: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error('unrecognised encrypted phone format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * A keyed hash of the phone for equality lookups (e.g. finding a caller's assisted bookings) without
 * storing the number in the clear.
 */
export function phoneLookupHash(phone: string, key: Buffer): string {
  return createHmac('sha256', key).update(`phone:${phone}`).digest('base64url');
}

/** What is stored for a phone: the ciphertext, the masked form for display, and a lookup hash. */
export interface StoredPhone {
  enc: string;
  masked: string;
  hash: string;
}

export function protectPhone(phone: string, key: Buffer): StoredPhone {
  return { enc: encryptPhone(phone, key), masked: maskPhone(phone), hash: phoneLookupHash(phone, key) };
}
