/**
 * What a user's profile may hold. The limits sit below the columns that store these fields (our
 * `users` table: name 255, email 320, image 2048 characters), so a profile Better Auth accepts is
 * always one the API can store and one a JWT can carry.
 */
export const NAME_MAX_LENGTH = 100;
/** RFC 5321's longest forward path. */
export const EMAIL_MAX_LENGTH = 254;
export const IMAGE_MAX_LENGTH = 2048;

/** C0/C1 controls (tabs and newlines included) and the Unicode line/paragraph separators. */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;
const CONTROL_CHARACTERS_ALL = /[\p{Cc}\u2028\u2029]/gu;

export type ProfileErrorCode = 'INVALID_NAME' | 'INVALID_EMAIL' | 'INVALID_IMAGE';

export interface ProfileProblem {
  code: ProfileErrorCode;
  message: string;
}

/** Length in characters (code points), as PostgreSQL's varchar counts them, not UTF-16 units. */
function characters(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export function nameProblem(name: unknown): ProfileProblem | undefined {
  if (typeof name === 'string' && name.trim() !== '' && characters(name) <= NAME_MAX_LENGTH && !CONTROL_CHARACTERS.test(name)) return undefined;
  return { code: 'INVALID_NAME', message: `Name must be 1 to ${NAME_MAX_LENGTH} characters, without control characters` };
}

export function emailProblem(email: unknown): ProfileProblem | undefined {
  if (typeof email !== 'string' || characters(email) <= EMAIL_MAX_LENGTH) return undefined; // Better Auth checks the format
  return { code: 'INVALID_EMAIL', message: `Email must be at most ${EMAIL_MAX_LENGTH} characters` };
}

export function imageProblem(image: unknown): ProfileProblem | undefined {
  if (image === undefined || image === null || image === '') return undefined;
  if (typeof image === 'string' && image.length <= IMAGE_MAX_LENGTH && isHttpsUrl(image)) return undefined;
  return { code: 'INVALID_IMAGE', message: `Image must be an https: URL of at most ${IMAGE_MAX_LENGTH} characters, or empty` };
}

/** The first problem with the profile fields present in a sign-up or update body. */
export function profileProblem(body: { name?: unknown; email?: unknown; image?: unknown }, { nameRequired }: { nameRequired: boolean }): ProfileProblem | undefined {
  return (
    (nameRequired || body.name !== undefined ? nameProblem(body.name) : undefined) ?? emailProblem(body.email) ?? imageProblem(body.image)
  );
}

/**
 * A social or OIDC provider's profile made to fit: the person did not type it and cannot fix it,
 * so it is trimmed to shape rather than refused.
 */
export function fittedName(name: string): string {
  return Array.from(name.replace(CONTROL_CHARACTERS_ALL, ' ').trim()).slice(0, NAME_MAX_LENGTH).join('').trim();
}

export function fittedImage(image: string | null | undefined): string | null {
  return image && !imageProblem(image) ? image : null;
}
