// Entra returns a new refresh token on every refresh and the one presented stays valid until it
// expires or the user's sessions are revoked. oidc-provider either rotates (consuming the presented
// token, whose reuse it then treats as theft and answers by revoking the grant) or hands back the
// same token. With its rotation off, each refresh response gets a fresh copy of the presented token.
import type { KoaContextWithOIDC } from 'oidc-provider'

/** Saves a new refresh token equivalent to the one just used; returns its value. */
export async function issueRefreshTokenCopy(ctx: KoaContextWithOIDC): Promise<string | undefined> {
  const presented = ctx.oidc.entities.RefreshToken
  const client = ctx.oidc.client
  if (!presented || !client || presented.grantId === undefined) return undefined
  const copy = new ctx.oidc.provider.RefreshToken({
    accountId: presented.accountId,
    acr: presented.acr,
    amr: presented.amr,
    authTime: presented.authTime,
    claims: presented.claims,
    client,
    expiresWithSession: presented.expiresWithSession,
    grantId: presented.grantId,
    gty: presented.gty ?? 'refresh_token',
    iiat: presented.iiat,
    nonce: presented.nonce,
    resource: presented.resource,
    rotations: (presented.rotations ?? 0) + 1,
    scope: presented.scope ?? '',
    sessionUid: presented.sessionUid,
    sid: presented.sid,
  })
  return copy.save()
}
