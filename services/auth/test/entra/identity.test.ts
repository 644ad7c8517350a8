import t from 'tap'
import { identityFromClaims } from '../../src/entra/identity.js'
import { EntraError } from '../../src/entra/errors.js'
import { userIdFor } from '../../src/entra/user-id.js'

const CONTOSO = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'
const FABRIKAM = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'
const OID = '0b0b0b0b-1111-4222-8333-444444444444'
const TEMPLATE = 'https://login.microsoftonline.com/{tenantid}/v2.0'
const multi = { tenant: { kind: 'multi', tenant: 'organizations' } as const, issuer: TEMPLATE }
const claims = (tid: string, iss = `https://login.microsoftonline.com/${tid}/v2.0`) => ({
  tid,
  oid: OID,
  iss,
  name: 'N',
  preferred_username: 'u@x',
})
const code = (fn: () => unknown) => {
  try {
    fn()
    return 'accepted'
  } catch (err) {
    return err instanceof EntraError ? err.code : 'other'
  }
}

t.test('C22: a multi-tenant issuer must be the template filled with the token’s own tid', async (t) => {
  const rules = { ...multi, allowedTenants: new Set([CONTOSO, FABRIKAM]) }
  t.equal(identityFromClaims(claims(CONTOSO), rules).tid, CONTOSO)
  t.equal(
    code(() =>
      identityFromClaims(claims(CONTOSO, `https://login.microsoftonline.com/${FABRIKAM}/v2.0`), rules),
    ),
    'invalid_token_response',
  )
})

t.test('C22: a multi-tenant sign-in from a tenant off the allowlist is tenant_not_allowed', async (t) => {
  t.equal(
    code(() => identityFromClaims(claims(FABRIKAM), { ...multi, allowedTenants: new Set([CONTOSO]) })),
    'tenant_not_allowed',
  )
})

t.test('C23: sub is derived from tid+oid only, case-insensitively, never from email', async (t) => {
  const rules = { ...multi, allowedTenants: new Set([CONTOSO, FABRIKAM]) }
  const a = identityFromClaims({ ...claims(CONTOSO), email: 'same@contoso.example' }, rules)
  const b = identityFromClaims({ ...claims(FABRIKAM), email: 'same@contoso.example' }, rules)
  t.not(a.sub, b.sub)
  t.equal(a.sub, userIdFor(CONTOSO.toUpperCase(), OID.toUpperCase()))
  t.not(userIdFor(CONTOSO, OID), userIdFor(OID, CONTOSO))
})
