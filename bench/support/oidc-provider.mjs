// A minimal oidc-provider (panva/node-oidc-provider, the dependency of the entra-emulator) set up to
// do what our auth service's refresh_token grant does, for a side-by-side comparison: a public
// client (token_endpoint_auth_method none), refresh tokens rotated on every use, ES256 JWT access
// tokens for one resource (RFC 8707 / RFC 9068), no ID token (no `openid` scope), and the
// provider's default in-memory adapter. Refresh tokens are created directly with the provider's
// models: a Grant holding the resource scope, then a RefreshToken bound to it, as the
// authorization_code grant would have left them.
import { generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:http'
import Provider from 'oidc-provider'

export const OIDC_CLIENT_ID = 'bench-public-client'
const RESOURCE = 'https://mcp.bench.invalid/mcp'
const SCOPE = 'offline_access mcp'

/** Starts the provider on a loopback port; returns its token endpoint, `mintRefreshToken` and `close`. */
export async function startOidcProvider() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig', kid: 'bench' }
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${server.address().port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1:33419/callback'],
        // The only key is an ES256 one (the default is RS256).
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['bench-cookie-key-0123456789abcdef'] },
    scopes: ['openid', 'offline_access', 'mcp'],
    rotateRefreshToken: true,
    findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId }) }),
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 14 * 86_400,
      IdToken: 3_600,
      Interaction: 3_600,
      RefreshToken: 14 * 86_400,
      Session: 14 * 86_400,
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'mcp',
          accessTokenFormat: 'jwt',
          accessTokenTTL: 600,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  })
  server.on('request', provider.callback())
  const client = await provider.Client.find(OIDC_CLIENT_ID)

  return {
    tokenUrl: `${issuer}/token`,
    clientId: OIDC_CLIENT_ID,
    /** A grant for `accountId` and its first refresh token. */
    async mintRefreshToken(accountId) {
      const grant = new provider.Grant({ accountId, clientId: OIDC_CLIENT_ID })
      grant.addOIDCScope('offline_access')
      grant.addResourceScope(RESOURCE, 'mcp')
      const grantId = await grant.save()
      const token = new provider.RefreshToken({
        client,
        accountId,
        grantId,
        gty: 'authorization_code',
        scope: SCOPE,
        resource: RESOURCE,
        expiresWithSession: false,
        authTime: Math.floor(Date.now() / 1000),
      })
      return token.save()
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
