// Entra app roles and groups reach our access tokens (RFC 9068 §2.2.3.1 authorization claims):
// a real sign-in through the emulator, the code exchange, refresh-token rotations, and the groups
// overage path. Real Redis, the real auth service, the emulator's ID tokens.
import { Writable } from 'node:stream'
import { CONTOSO, DEMO_APP_ROLES } from '@m365mcp/entra-emulator'
import { decodeJwt, type JWTPayload } from 'jose'
import pino from 'pino'
import t from 'tap'
import { startAuthWith, type StartAuthOptions } from '../support/auth-harness.js'
import { registerPublicClient, signInThroughConsent, token } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33419/callback'
type Teardown = (fn: () => Promise<void> | void) => void

/** Signs `upn` in through consent and Entra; answers the token response's claims and refresh token. */
async function signIn(teardown: Teardown, upn: string, options: StartAuthOptions) {
  const auth = await startAuthWith(teardown, options)
  const user = auth.emulator.seed.demoUsers.find((u) => u.userPrincipalName === upn)
  if (!user) throw new Error(`no demo user ${upn}`)
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  const signed = await signInThroughConsent(auth.publicUrl, {
    clientId: client.client_id,
    redirectUri: REDIRECT,
    username: upn,
  })
  const issued = await token(auth.publicUrl, {
    grant_type: 'authorization_code',
    code: signed.code,
    redirect_uri: REDIRECT,
    client_id: client.client_id,
    code_verifier: signed.verifier,
  })
  if (issued.status !== 200)
    throw new Error(`token answered ${issued.status}: ${JSON.stringify(issued.body)}`)
  const refresh = async (refreshToken: string) => {
    const refreshed = await token(auth.publicUrl, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: client.client_id,
    })
    if (refreshed.status !== 200) throw new Error(`refresh answered ${refreshed.status}`)
    return {
      claims: decodeJwt(String(refreshed.body.access_token)),
      refreshToken: String(refreshed.body.refresh_token),
    }
  }
  return {
    auth,
    user,
    claims: decodeJwt(String(issued.body.access_token)),
    refreshToken: String(issued.body.refresh_token),
    refresh,
  }
}

const sorted = (value: unknown) => [...(value as string[])].sort()
const securityGroupsOf = (
  groups: { id: string; securityEnabled: boolean; memberIds: string[] }[],
  oid: string,
) =>
  groups
    .filter((g) => g.securityEnabled && g.memberIds.includes(oid))
    .map((g) => g.id)
    .sort()

t.test(
  'directory claims: the access token carries the ID token roles, groups and tid, and every refresh keeps them',
  async (t) => {
    const signed = await signIn((fn) => t.teardown(fn), 'priya.raman@contoso.example', {
      entraApp: { appRoles: [...DEMO_APP_ROLES], groupMembershipClaims: 'SecurityGroup' },
    })
    const groups = securityGroupsOf(signed.auth.emulator.seed.groups, signed.user.id)
    t.ok(groups.length > 0, 'the seed puts this user in a security group')
    const expect = (claims: JWTPayload, when: string) => {
      t.same(sorted(claims.roles), ['Mail.Sender', 'Tools.Writer'], `${when}: roles`)
      t.same(sorted(claims.groups), groups, `${when}: groups are the /me/memberOf security group ids`)
      t.equal(claims.tid, CONTOSO.id, `${when}: tid`)
    }
    expect(signed.claims, 'code exchange')
    const first = await signed.refresh(signed.refreshToken)
    expect(first.claims, 'first refresh')
    const second = await signed.refresh(first.refreshToken)
    expect(second.claims, 'second refresh')
  },
)

t.test(
  'directory claims: a user without app roles gets no roles claim; no group claims, no groups',
  async (t) => {
    const signed = await signIn((fn) => t.teardown(fn), 'jose.alvarez@contoso.example', {
      entraApp: { appRoles: [...DEMO_APP_ROLES] },
    })
    t.notOk('roles' in signed.claims, 'no roles claim at all, not an empty list')
    t.notOk('groups' in signed.claims, 'the app registration emits no group claims')
    t.equal(signed.claims.tid, CONTOSO.id)
    const refreshed = await signed.refresh(signed.refreshToken)
    t.notOk('roles' in refreshed.claims || 'groups' in refreshed.claims)
  },
)

t.test(
  'directory claims: groups overage gives no groups, keeps roles, warns once and does not fail the sign-in',
  async (t) => {
    const lines: Record<string, unknown>[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n'))
          if (line) lines.push(JSON.parse(line) as Record<string, unknown>)
        done()
      },
    })
    const signed = await signIn((fn) => t.teardown(fn), 'marcus.chen@contoso.example', {
      entraApp: { appRoles: [...DEMO_APP_ROLES], groupMembershipClaims: 'All', groupsOverageLimit: 1 },
      logger: pino({ level: 'warn' }, sink),
    })
    t.notOk('groups' in signed.claims, 'no groups from an overage ID token')
    t.same(sorted(signed.claims.roles), ['Tools.Admin', 'Tools.Writer'])
    const refreshed = await signed.refresh(signed.refreshToken)
    t.notOk('groups' in refreshed.claims)
    const overage = lines.filter((l) => String(l.msg).includes('groups overage'))
    t.equal(overage.length, 1, 'one warning for the grant')
    t.equal(overage[0]?.grantId, signed.claims.gid)
  },
)
