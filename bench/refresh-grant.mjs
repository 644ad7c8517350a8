// Issue 7: our auth service's refresh_token grant against oidc-provider's, side by side in one run,
// both in this process with in-memory storage (our Store in memory; oidc-provider's default
// adapter). Rotation makes every token single-use, so the load is CHAINS independent chains, one
// grant each, each request presenting the refresh token the previous one returned; both sides get
// the same chain count, request code and alternating rounds; the figure is the median throughput
// ratio ours ÷ oidc-provider's. Both issue an ES256 JWT access token for one resource and a rotated
// opaque refresh token, to a public client. Our grants come from real sign-ins (DCR, authorize,
// consent, the emulator's login, code exchange); oidc-provider's from its Grant and RefreshToken
// models. Requests go straight to the auth listener, not through the gateway. Prints only.
import { alternate, QUICK } from './support/load.mjs'
import { startOidcProvider } from './support/oidc-provider.mjs'
import { startPlatform } from './support/platform.mjs'

const CHAINS = 16
const ROUND_MS = 1_000
const ROUNDS = QUICK ? 3 : 5
const SIGN_IN_PARALLEL = 4

/** One refresh on a chain: POSTs its current token and keeps the one returned. */
function refresher(tokenUrl, clientId) {
  return async (chain) => {
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: chain.token,
        client_id: clientId,
      }).toString(),
    })
    const body = await res.json()
    if (res.status !== 200 || typeof body.refresh_token !== 'string' || typeof body.access_token !== 'string')
      throw new Error(`refresh answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`)
    chain.token = body.refresh_token
  }
}

/** Refreshes per second with one worker per chain, each following its own chain for `ms`. */
async function chainThroughput(chains, refresh, ms) {
  let done = 0
  const deadline = performance.now() + ms
  const start = performance.now()
  await Promise.all(
    chains.map(async (chain) => {
      while (performance.now() < deadline) {
        await refresh(chain)
        done++
      }
    }),
  )
  return (done * 1000) / (performance.now() - start)
}

async function signInChains(platform, count) {
  const chains = []
  for (let i = 0; i < count; i += SIGN_IN_PARALLEL) {
    const batch = Array.from({ length: Math.min(SIGN_IN_PARALLEL, count - i) }, (_, j) =>
      platform.signIn('/mcp', i + j),
    )
    for (const user of await Promise.all(batch)) chains.push({ token: user.refreshToken })
  }
  return chains
}

export async function benchRefreshGrant() {
  const closers = []
  try {
    const platform = await startPlatform(closers, { name: 'bench-refresh' })
    const ourChains = await signInChains(platform, CHAINS)
    const oidc = await startOidcProvider()
    closers.push(() => oidc.close())
    const theirChains = []
    for (let i = 0; i < CHAINS; i++) theirChains.push({ token: await oidc.mintRefreshToken(`user-${i}`) })

    const ours = refresher(`${platform.authUrl}/token`, platform.clientId)
    const theirs = refresher(oidc.tokenUrl, oidc.clientId)
    const tp = await alternate(
      (side) =>
        side === 'a'
          ? chainThroughput(ourChains, ours, ROUND_MS)
          : chainThroughput(theirChains, theirs, ROUND_MS),
      ROUNDS,
    )
    return {
      chains: CHAINS,
      concurrency: CHAINS,
      roundMs: ROUND_MS,
      rounds: ROUNDS,
      oursRefreshesPerSec: tp.a,
      oidcProviderRefreshesPerSec: tp.b,
      throughputRatio: tp.ratio,
    }
  } finally {
    for (const close of closers.reverse()) await close()
  }
}
