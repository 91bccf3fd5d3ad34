import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcProviderOptions {
  /** Where the relying party (our server's Better Auth) receives the authorization code. */
  redirectUri: string;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider) on localhost, standing in for Keycloak,
 * Auth0 or Entra ID. Its development login form accepts any login name and password; the account
 * signed in as `alice` has the email `alice@oidc.test`.
 */
export class LocalOidcProvider {
  readonly clientId = 'chat-widget-e2e';
  readonly clientSecret = randomBytes(24).toString('hex');

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  get discoveryUrl(): string {
    return `${this.issuer}/.well-known/openid-configuration`;
  }

  static async start(options: OidcProviderOptions): Promise<LocalOidcProvider> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const self = new LocalOidcProvider(server, issuer);
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: self.clientId,
          client_secret: self.clientSecret,
          redirect_uris: [options.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      async findAccount(_ctx, accountId) {
        return {
          accountId,
          claims: async () => ({ sub: accountId, email: `${accountId}@oidc.test`, email_verified: true, name: `${accountId} (OIDC)` }),
        };
      },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      // Lifetimes in seconds, set so the provider does not warn about its defaults.
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
      features: { devInteractions: { enabled: true } },
    });
    server.on('request', provider.callback());
    return self;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
