// Microsoft Graph access tokens in the shape Entra v2 issues them (`typ: JWT`, `scp`, `oid`, `tid`,
// `appid`/`azp`, `idtyp`, `uti`, `ver`), applied as oidc-provider's JWT access token customizer.
// https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
import type { AccessToken, ClientCredentials, JWTStructured, KoaContextWithOIDC } from 'oidc-provider'
import type { Directory } from './accounts.js'
import { entraScopeString, OIDC_SCOPES, splitScope } from './scopes.js'
import { GRAPH_AUDIENCE } from './tenants.js'

/** OpenID Connect permissions in force for the token being issued: the request's, else its source's. */
export function grantedOidcScopes(ctx: KoaContextWithOIDC): string[] {
  const requested = ctx.oidc.params?.scope
  const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken
  const scopes = splitScope(typeof requested === 'string' ? requested : (source?.scope ?? ''))
  return OIDC_SCOPES.filter((s) => scopes.includes(s))
}

export interface AccessTokenClaimsDeps {
  directory: Directory
  /** The emulator's clock: lifetimes of Graph tokens follow it so tests can age tokens. */
  now: () => number
}

export function createAccessTokenCustomizer(deps: AccessTokenClaimsDeps) {
  return (ctx: KoaContextWithOIDC, token: AccessToken | ClientCredentials, jwt: JWTStructured): void => {
    const { payload } = jwt
    const accountId = 'accountId' in token ? token.accountId : undefined
    const user = typeof accountId === 'string' ? deps.directory.byId(accountId) : undefined
    if (!user) throw new Error('access token without a known user')
    const issuedAt = Number(payload.iat)
    const lifetime = Number(payload.exp) - issuedAt
    const iat = Math.floor(deps.now() / 1000)
    jwt.header = { ...jwt.header, typ: 'JWT' }
    Object.assign(payload, {
      aud: GRAPH_AUDIENCE,
      iat,
      nbf: iat,
      exp: iat + lifetime,
      appid: token.clientId,
      azp: token.clientId,
      idtyp: 'user',
      oid: user.id,
      tid: user.tenantId,
      name: user.displayName,
      preferred_username: user.userPrincipalName,
      upn: user.userPrincipalName,
      scp: entraScopeString(splitScope(token.scope ?? ''), grantedOidcScopes(ctx)),
      uti: payload.jti,
      ver: '2.0',
    })
    delete payload.scope
    delete payload.client_id
  }
}
