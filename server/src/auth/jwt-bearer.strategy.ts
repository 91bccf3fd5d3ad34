import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-strategy';
import type { AuthUser } from '../users/auth-user.js';
import { TokenAuthenticator } from './token-authenticator.js';

type Verify = (request: FastifyRequest, done: (error: unknown, user?: AuthUser) => void) => void;

/** `Authorization: Bearer <token>` → the token, or undefined (any other scheme counts as none). */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

/** A minimal passport strategy: hands the request to the verify callback Nest wires to `validate`. */
class BearerStrategy extends Strategy {
  name = 'jwt';

  constructor(private readonly verifyRequest: Verify) {
    super();
  }

  // passport's typings assume Express; under Nest's Fastify adapter the request is Fastify's.
  override authenticate(request: Parameters<Strategy['authenticate']>[0]): void {
    this.verifyRequest(request as unknown as FastifyRequest, (error, user) => (error ? this.error(error as Error) : this.success(user!)));
  }
}

@Injectable()
export class JwtBearerStrategy extends PassportStrategy(BearerStrategy, 'jwt') {
  constructor(private readonly authenticator: TokenAuthenticator) {
    super();
  }

  validate(request: FastifyRequest): Promise<AuthUser> {
    return this.authenticator.authenticate(bearerToken(request.headers.authorization), request.ip);
  }
}
