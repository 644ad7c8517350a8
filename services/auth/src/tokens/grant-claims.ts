// The extra claims every access token of a grant carries for tool policies: the user's tenant and,
// when Entra sent them at sign-in, app roles and group ids. Computed from the stored grant, so the
// code exchange and every refresh-token rotation mint the same set.
import type { ExtraClaims } from './access-token-claims.js'
import type { Grant } from './grant.js'

export function grantAccessTokenClaims(grant: Grant): ExtraClaims {
  const { roles, groups } = grant.directory ?? {}
  return {
    tid: grant.tid,
    ...(roles === undefined ? {} : { roles }),
    ...(groups === undefined ? {} : { groups }),
  }
}
