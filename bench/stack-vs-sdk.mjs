// Issue 7: the whole stack against the MCP SDK's own example server, side by side in one run. Both
// servers run in a child process of their own; the same client code (raw fetch of a JSON-RPC
// `tools/call`) at the same concurrency drives them in alternating rounds; the figure is the median
// throughput ratio stack ÷ SDK. The stack: gateway → tools replica → token exchange with the auth
// service (cached per grant), JWT validation in the gateway and again in tools, rate limits on Redis
// (limits too high to refuse), `tools/call add`. The SDK: its unauthenticated stateless Streamable
// HTTP example (`simpleStatelessStreamableHttp.js`, a new McpServer and transport per request,
// express), port 3000 hard-coded, calling its only tool `start-notification-stream` with
// `{ interval: 0, count: 1 }` (one logging notification, then the result). Prints only.
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { startChild } from './support/child.mjs'
import { alternate, QUICK, throughput, toolCaller } from './support/load.mjs'

const CONCURRENCY = 16
const ROUND_MS = 1_000
const ROUNDS = QUICK ? 3 : 5
const SDK_PORT = 3000 // hard-coded in the example
const SDK_TOOL = { name: 'start-notification-stream', args: { interval: 0, count: 1 } }

function sdkExamplePath() {
  const require = createRequire(import.meta.url)
  // The package's exports hide package.json; its CJS entry sits under dist/cjs.
  const main = require.resolve('@modelcontextprotocol/sdk/server/mcp.js')
  return join(dirname(main), '..', '..', 'esm', 'examples', 'server', 'simpleStatelessStreamableHttp.js')
}

/** Whether nothing listens on `port` on any interface (the example binds the unspecified address). */
function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ port }, () => server.close(() => resolve(true)))
  })
}

export async function benchStackVsSdk() {
  if (!(await portFree(SDK_PORT))) {
    return {
      skipped: `port ${SDK_PORT} is in use: the SDK example listens on it (hard-coded); free it and run again`,
    }
  }
  const children = []
  try {
    let sdk
    try {
      sdk = await startChild(sdkExamplePath(), { ready: /listening on port (\d+)/, signal: 'SIGINT' })
    } catch (err) {
      // Another process may have taken the port since the check.
      return { skipped: `the SDK example did not start on port ${SDK_PORT}: ${err.message}` }
    }
    children.push(sdk)
    const stack = await startChild(new URL('./support/stack-process.mjs', import.meta.url).pathname, {
      ready: /^stack-ready (.*)$/,
    })
    children.push(stack)
    const { gatewayUrl, token } = JSON.parse(stack.match[1])
    const ours = toolCaller(gatewayUrl, token, 'add', { a: 1, b: 2 })
    const theirs = toolCaller(`http://127.0.0.1:${SDK_PORT}`, undefined, SDK_TOOL.name, SDK_TOOL.args)
    const load = { concurrency: CONCURRENCY, ms: ROUND_MS }
    const tp = await alternate((side) => throughput(side === 'a' ? ours : theirs, load), ROUNDS)
    return {
      concurrency: CONCURRENCY,
      roundMs: ROUND_MS,
      rounds: ROUNDS,
      stackTool: 'add',
      sdkTool: SDK_TOOL.name,
      stackCallsPerSec: tp.a,
      sdkCallsPerSec: tp.b,
      throughputRatio: tp.ratio,
    }
  } finally {
    for (const child of children.reverse()) await child.stop()
  }
}
