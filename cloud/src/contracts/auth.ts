/** Roles a signed-in caller can hold. Citizens hold `citizen`; staff accounts hold one of the others. */
export type Role = 'citizen' | 'admin' | 'site_manager' | 'staff';

export interface SessionUser {
  id: string;
  roles: Role[];
  siteIds?: string[];
}

export interface AuthResponse {
  token: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  user: SessionUser;
}

export interface MeResponse {
  id: string;
  roles: Role[];
  siteIds: string[];
  username?: string;
}
