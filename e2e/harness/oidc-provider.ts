import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcProviderOptions {
  /** Where the relying party (our server's Better Auth) receives the authorization code. */
  redirectUri: string;
}

const INTERACTION_PATH = /^\/interaction\/([\w-]+)$/;

/**
 * A real OpenID Connect provider (panva's oidc-provider) on localhost, standing in for Keycloak,
 * Auth0 or Entra ID. Its sign-in page accepts any username with any password; the account signed
 * in as `alice` has the email `alice@oidc.test`. Consent is implied, as for a first-party app.
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
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
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
      // Our own sign-in page (below) instead of the package's development one.
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      loadExistingGrant: async (ctx) => {
        const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
      jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'e2e' }] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      // Lifetimes in seconds, set so the provider does not warn about its defaults.
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    });
    const oidc = provider.callback();
    server.on('request', (request, response) => {
      const uid = INTERACTION_PATH.exec(request.url ?? '')?.[1];
      if (!uid) return oidc(request, response);
      void signInPage(provider, request, response).catch((error: Error) => {
        response.statusCode = 500;
        response.end(error.message);
      });
    });
    return self;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

/** The provider's sign-in form (GET), and its submission (POST) which signs the user in. */
async function signInPage(provider: Provider, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (request.method === 'POST') {
    let body = '';
    for await (const chunk of request) body += chunk;
    const username = new URLSearchParams(body).get('username') ?? '';
    if (!/^[\w.-]{1,64}$/.test(username)) {
      response.statusCode = 400;
      response.end('invalid username');
      return;
    }
    await provider.interactionFinished(request, response, { login: { accountId: username } }, { mergeWithLastSubmission: false });
    return;
  }
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local OIDC sign-in</title></head>
<body><h1>Local OIDC</h1>
<form method="post" action="/interaction/${details.uid}">
  <label>Username <input name="username" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button>Sign in</button>
</form></body></html>`);
}
