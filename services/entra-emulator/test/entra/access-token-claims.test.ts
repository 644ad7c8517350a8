import t from 'tap'
import { decodeJwt } from 'jose'
import { codeFlow, testApp } from './support/flow.js'
import { startIdentityServer } from './support/identity-server.js'

t.test(
  "access token: lifetime is accessTokenTtlSeconds and its times follow the emulator's clock",
  async (t) => {
    const skew = 2 * 3600 * 1000
    const server = await startIdentityServer({ accessTokenTtlSeconds: 120, now: () => Date.now() - skew })
    t.teardown(() => server.close())
    const app = await testApp(server)
    const { tokens } = await codeFlow(server, app)
    t.equal(tokens.expires_in, 120)
    const claims = decodeJwt(tokens.access_token)
    const expectedIat = Math.floor((Date.now() - skew) / 1000)
    t.ok(Math.abs(Number(claims.iat) - expectedIat) <= 5, 'iat from the injected clock')
    t.equal(claims.nbf, claims.iat)
    t.equal(Number(claims.exp) - Number(claims.iat), 120)
    t.ok(Number(claims.exp) * 1000 < Date.now(), 'already expired by the real clock: tests can age tokens')
  },
)
