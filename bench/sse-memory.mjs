// Issue 7: resident memory per open legacy SSE session, a tools replica against a bare Node SSE
// server, in one run. Each server runs in a child process; this process opens SESSIONS concurrent
// `GET /sse` streams to it directly (raw sockets, no gateway), each counted once its `endpoint`
// event arrived, and reads the child's VmRSS before and after: (after − before) ÷ sessions, for
// both, and the ratio. The tools replica is the built service, unchanged (services/tools/dist/server.js),
// with the in-memory store (no REDIS_URL: its session registry lives in the replica, so it is part
// of what is measured), validating a real access token for the /sse resource (one user; the tools
// service has no per-user stream cap, only the gateway has one, and this bench bypasses the gateway).
// Both children get one warm-up stream before the first reading. Prints only.
import { connect } from 'node:net'
import { freePort } from '../shared/testing/dist/index.js'
import { openFilesLimit, rssKiB, startChild } from './support/child.mjs'
import { QUICK } from './support/load.mjs'
import { startPlatform } from './support/platform.mjs'

const WANTED_SESSIONS = QUICK ? 1_000 : 10_000
// Descriptors kept free besides the streams in each process (listeners, Redis, pipes, the platform).
const FD_HEADROOM = 1_000
const OPEN_PARALLEL = 64
const SETTLE_MS = 2_000
const OPEN_TIMEOUT_MS = 60_000

/** Opens one SSE stream on a raw socket; resolves with the socket once the `endpoint` event arrived. */
function openStream(port, token) {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' })
    let seen = ''
    const timer = setTimeout(() => fail(new Error('no endpoint event in time')), OPEN_TIMEOUT_MS)
    const fail = (err) => {
      clearTimeout(timer)
      socket.destroy()
      reject(err)
    }
    socket.setEncoding('utf8')
    socket.on('error', fail)
    socket.on('connect', () => {
      const auth = token ? `authorization: Bearer ${token}\r\n` : ''
      socket.write(`GET /sse HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n${auth}accept: text/event-stream\r\n\r\n`)
    })
    const onData = (chunk) => {
      seen += chunk
      if (!seen.startsWith('HTTP/1.1 200')) {
        if (seen.includes('\r\n\r\n')) fail(new Error(`GET /sse answered ${seen.split('\r\n')[0]}`))
        return
      }
      if (seen.includes('event: endpoint')) {
        clearTimeout(timer)
        socket.off('data', onData)
        socket.off('error', fail)
        socket.on('error', () => {})
        socket.resume() // keep-alive comments are read and dropped
        resolve(socket)
      }
    }
    socket.on('data', onData)
  })
}

async function openMany(port, token, count, into) {
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      into.push(await openStream(port, token))
    }
  }
  await Promise.all(Array.from({ length: OPEN_PARALLEL }, worker))
}

async function closeAll(sockets) {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise((resolve) => {
          socket.once('close', resolve)
          socket.destroy()
        }),
    ),
  )
  sockets.length = 0
}

/** Per-session RSS of the server in `child`, reached on `port`, over `count` streams. */
async function measure(child, port, token, count) {
  const sockets = []
  try {
    await openMany(port, token, 1, sockets) // warm-up: code paths, JWKS, token exchange cache
    await closeAll(sockets)
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    const before = await rssKiB(child.pid)
    const started = performance.now()
    await openMany(port, token, count, sockets)
    const openSeconds = (performance.now() - started) / 1000
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    const after = await rssKiB(child.pid)
    return {
      rssBeforeKiB: before,
      rssAfterKiB: after,
      perSessionKiB: Number(((after - before) / count).toFixed(2)),
      openSeconds: Number(openSeconds.toFixed(1)),
    }
  } finally {
    await closeAll(sockets)
  }
}

export async function benchSseMemory() {
  const fdLimit = await openFilesLimit()
  const sessions = Math.max(1, Math.min(WANTED_SESSIONS, fdLimit - FD_HEADROOM))
  const closers = []
  try {
    const platform = await startPlatform(closers, { name: 'bench-sse' })
    const { accessToken } = await platform.signIn('/sse')

    const bare = await startChild(new URL('./support/bare-sse-server.mjs', import.meta.url).pathname, {
      ready: /^bare-sse-ready (\d+)$/,
    })
    closers.push(() => bare.stop())
    const bareResult = await measure(bare, Number(bare.match[1]), undefined, sessions)
    await bare.stop()

    const toolsPort = await freePort()
    const tools = await startChild(new URL('./support/tools-process.mjs', import.meta.url).pathname, {
      ready: /^tools-ready (\d+)$/,
      env: {
        ...platform.toolsEnv,
        TOOLS_HOST: '127.0.0.1',
        TOOLS_PORT: String(toolsPort),
        METRICS_ENABLED: 'false',
        REDIS_URL: '',
      },
    })
    closers.push(() => tools.stop())
    const toolsResult = await measure(tools, toolsPort, accessToken, sessions)
    await tools.stop()

    return {
      sessions,
      wantedSessions: WANTED_SESSIONS,
      openFilesLimit: fdLimit,
      toolsStore: 'memory',
      openParallel: OPEN_PARALLEL,
      tools: toolsResult,
      bare: bareResult,
      ratio: Number((toolsResult.perSessionKiB / bareResult.perSessionKiB).toFixed(2)),
    }
  } finally {
    for (const close of closers.reverse()) await close()
  }
}
