import t from 'tap'
import { createKeys } from '../../src/store/keys.js'
import { createAccessTokenIssuer } from '../../src/tokens/access-token.js'
import { createSigningKeys } from '../../src/tokens/signing-keys.js'
import {
  ENTRA,
  VERIFIER,
  grantModules,
  grantWithCode,
  keyring,
  redeemInput,
  redisStore,
} from './token-fixture.js'

t.test(
  'G51: after a full token flow Redis holds no code, token, verifier or Entra token in clear',
  async (t) => {
    const { store, redis, prefix } = await redisStore(t)
    const modules = grantModules(store)
    const signingKeys = await createSigningKeys({
      store,
      keys: createKeys('auth:'),
      keyring,
      accessTokenTtlMs: 600_000,
    })
    t.teardown(() => signingKeys.close())
    const issuer = createAccessTokenIssuer({ signingKeys, issuer: 'https://mcp.example.com' })
    const secrets: string[] = [VERIFIER, ENTRA.accessToken, ENTRA.refreshToken]

    const { grant, code } = await grantWithCode(modules)
    const { code: unused } = await grantWithCode(modules)
    secrets.push(code, unused)
    await modules.codes.redeem(redeemInput(code))
    let { refreshToken } = await modules.refreshTokens.issue(grant)
    secrets.push(refreshToken)
    for (let i = 0; i < 3; i++) {
      refreshToken = (await modules.refreshTokens.rotate({ refreshToken, clientId: grant.clientId }))
        .refreshToken
      secrets.push(
        refreshToken,
        (await issuer.mint({ ...grant, clientId: grant.clientId, grantId: grant.id })).token,
      )
    }
    await modules.grants.updateEntraTokens(grant.id, { ...ENTRA, refreshToken: 'entra-rt-rotated-PLAINTEXT' })
    secrets.push('entra-rt-rotated-PLAINTEXT')

    const dump: string[] = []
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      cursor = next
      for (const key of keys) {
        const type = await redis.type(key)
        dump.push(key, ...(type === 'set' ? await redis.smembers(key) : [(await redis.get(key)) ?? '']))
      }
    } while (cursor !== '0')
    t.ok(dump.length > 10, `scanned ${dump.length} keys and values`)
    const text = dump.join('\n')
    for (const secret of secrets) t.notOk(text.includes(secret), `not in clear: ${secret.slice(0, 12)}…`)
    t.notOk(text.includes('"d":'), 'no private JWK member')
    t.notOk(/eyJ[A-Za-z0-9_-]{10,}\./.test(text), 'no JWT')
  },
)
