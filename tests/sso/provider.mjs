// A real OpenID Connect provider for the single sign-on tests (panva's
// oidc-provider), on a loopback port. Configured by the environment:
//   OIDC_PORT       the port to listen on (127.0.0.1 only)
//   OIDC_CLIENT     JSON: {client_id, client_secret, redirect_uris,
//                   post_logout_redirect_uris}
//   OIDC_ACCOUNTS   JSON: {"<login>": {email, email_verified, name, ...}};
//                   the login is the subject ("sub").
// The development interactions (devInteractions) are the sign-in and consent
// pages: any password is accepted for a known login, as in a test realm.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const client = JSON.parse(process.env.OIDC_CLIENT);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // allauth posts the secret when the provider offers both methods.
      token_endpoint_auth_method: 'client_secret_post',
      ...client,
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
  // Fixed keys: the tests start it afresh each run, nothing to protect.
  cookies: { keys: ['test-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
});

// Quiet: the tests read stdout for nothing but failures.
provider.on('server_error', (ctx, error) => console.error('server_error', error));

const server = provider.listen(port, '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
