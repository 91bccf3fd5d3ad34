/** The claims the widget reads from the API token; it never verifies it (the server does). */
export interface JwtClaims {
  sub: string;
  exp: number;
  /** Null for a guest. */
  email?: string | null;
  name?: string | null;
  /** A guest (AUTH_MODES=guest). */
  isAnonymous?: boolean;
}

export function readClaims(jwt: string): JwtClaims {
  const payload = jwt.split('.')[1] ?? '';
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as JwtClaims;
}
