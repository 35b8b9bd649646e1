import { SignJWT, jwtVerify } from 'jose';
import type { Role } from '../contracts/auth.js';

export interface TokenClaims {
  sub: string;
  kind: 'citizen' | 'staff';
  roles: Role[];
  siteIds: string[];
  /** Seconds since the epoch when the token was signed (set on verified tokens). */
  issuedAt?: number;
}

const ISSUER = 'memorial-map';

export async function signToken(claims: TokenClaims, secret: Uint8Array, ttlSeconds: number, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ kind: claims.kind, roles: claims.roles, siteIds: claims.siteIds })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(secret);
}

/** Returns the claims of a valid, unexpired token, or null. */
export async function verifyToken(token: string, secret: Uint8Array, now: Date): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      algorithms: ['HS256'],
      currentDate: now,
    });
    const kind = payload.kind;
    if (typeof payload.sub !== 'string' || (kind !== 'citizen' && kind !== 'staff')) return null;
    const roles = Array.isArray(payload.roles) ? (payload.roles.filter((r) => typeof r === 'string') as Role[]) : [];
    const siteIds = Array.isArray(payload.siteIds) ? payload.siteIds.filter((s): s is string => typeof s === 'string') : [];
    return { sub: payload.sub, kind, roles, siteIds, ...(typeof payload.iat === 'number' ? { issuedAt: payload.iat } : {}) };
  } catch {
    return null;
  }
}
