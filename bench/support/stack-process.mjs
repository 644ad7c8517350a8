// The whole platform (support/platform.mjs) as a child process of the bench, so that it runs on an
// event loop of its own like the server it is compared with: prints one line
// `stack-ready {"gatewayUrl":…,"token":…}` (a user signed in for /mcp), and closes everything when
// its stdin ends or on SIGTERM.
import { startPlatform } from './platform.mjs'

const closers = []
let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  for (const close of closers.reverse()) await close()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.stdin.on('end', () => void stop())
process.stdin.resume()

try {
  const platform = await startPlatform(closers, { name: 'bench-stack' })
  const { accessToken } = await platform.signIn('/mcp')
  console.log(`stack-ready ${JSON.stringify({ gatewayUrl: platform.gatewayUrl, token: accessToken })}`)
} catch (err) {
  console.error(err)
  process.exit(1)
}
