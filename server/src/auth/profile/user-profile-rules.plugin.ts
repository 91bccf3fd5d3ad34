import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { emailProblem, fittedImage, fittedName, type ProfileProblem, profileProblem } from './profile-rules.js';

/** The routes where a person types their own profile, and whether the name must be there. */
const PROFILE_ROUTES: Record<string, { nameRequired: boolean }> = {
  '/sign-up/email': { nameRequired: true },
  '/update-user': { nameRequired: false },
};

function refuse(problem: ProfileProblem): never {
  throw new APIError('BAD_REQUEST', { code: problem.code, message: problem.message });
}

/**
 * Keeps every user row within `profile-rules`: sign-up and update-user refuse a bad name, email or
 * image with a 400 and its code before anything is written; rows written on other paths (social
 * and OIDC sign-in copy the provider's profile) are fitted to the rules by the database hooks.
 */
export function userProfileRules() {
  return {
    id: 'user-profile-rules',
    hooks: {
      before: [
        {
          matcher: (context) => (context.path ?? '') in PROFILE_ROUTES,
          handler: createAuthMiddleware(async (ctx) => {
            const body = (ctx.body ?? {}) as { name?: unknown; email?: unknown; image?: unknown };
            const problem = profileProblem(body, PROFILE_ROUTES[ctx.path!]!);
            if (problem) refuse(problem);
          }),
        },
      ],
    },
    init: () => ({
      options: {
        databaseHooks: {
          user: {
            create: {
              before: async (user) => {
                const problem = emailProblem(user.email);
                if (problem) refuse(problem);
                return { data: { ...user, name: fittedName(user.name), image: fittedImage(user.image) } };
              },
            },
            update: {
              before: async (user) => {
                const data = { ...user };
                if (typeof data.name === 'string') data.name = fittedName(data.name);
                if (data.image !== undefined) data.image = fittedImage(data.image);
                return { data };
              },
            },
          },
        },
      },
    }),
  } satisfies BetterAuthPlugin;
}
