import { EventEmitter } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { createShutdown, type ShutdownLogger } from '../src/index.js'

function recorder() {
  const lines: { level: string; msg: string; obj: object }[] = []
  const at =
    (level: string) =>
    (obj: object, msg: string): void => {
      lines.push({ level, msg, obj })
    }
  const logger: ShutdownLogger = { info: at('info'), warn: at('warn'), error: at('error') }
  return { logger, lines, messages: () => lines.map((l) => `${l.level}: ${l.msg}`) }
}

function harness(timeoutMs = 2_000) {
  const log = recorder()
  const exits: number[] = []
  let exited: (code: number) => void = () => {}
  const exit = new Promise<number>((resolve) => (exited = resolve))
  const shutdown = createShutdown({
    logger: log.logger,
    timeoutMs,
    exit: (code) => {
      exits.push(code)
      exited(code)
    },
  })
  const signals = new EventEmitter()
  return { shutdown, log, exits, exit, signals }
}

t.test('shutdown: on SIGTERM the steps run in order, each logged, then exit 0', async (t) => {
  const h = harness()
  const order: string[] = []
  h.shutdown.trap(
    [
      { name: 'first', run: async () => void order.push(`first stopping=${h.shutdown.isStopping()}`) },
      { name: 'second', run: () => void order.push('second') },
    ],
    h.signals,
  )
  t.equal(h.shutdown.isStopping(), false, 'ready before any signal')
  h.signals.emit('SIGTERM', 'SIGTERM')
  t.equal(h.shutdown.isStopping(), true, 'readiness fails from the signal on')
  t.equal(await h.exit, 0)
  t.same(order, ['first stopping=true', 'second'])
  t.same(h.log.messages(), [
    'info: shutdown: started, readiness now fails',
    'info: shutdown: first',
    'info: shutdown: second',
    'info: shutdown: done',
  ])
  t.same(h.exits, [0], 'exit is called once')
})

t.test(
  'shutdown: a failing step is logged, the later ones still run (the store closes), exit 1',
  async (t) => {
    const h = harness()
    let storeClosed = false
    h.shutdown.trap(
      [
        { name: 'close the listener', run: () => Promise.reject(new Error('boom')) },
        { name: 'close the store', run: () => void (storeClosed = true) },
      ],
      h.signals,
    )
    h.signals.emit('SIGINT', 'SIGINT')
    t.equal(await h.exit, 1)
    t.ok(storeClosed)
    t.ok(h.log.messages().includes('error: shutdown: close the listener failed'))
  },
)

t.test('shutdown: past timeoutMs the process exits 1 with a log line, the hung step abandoned', async (t) => {
  const h = harness(150)
  let after = false
  h.shutdown.trap(
    [
      { name: 'wait forever', run: () => new Promise(() => {}) },
      { name: 'after', run: () => void (after = true) },
    ],
    h.signals,
  )
  const started = Date.now()
  h.signals.emit('SIGTERM', 'SIGTERM')
  t.equal(await h.exit, 1)
  t.ok(Date.now() - started >= 140, 'not before the timeout')
  t.ok(h.log.messages().includes('error: shutdown: timed out, forcing exit'))
  await sleep(20)
  t.equal(after, false)
  t.same(h.exits, [1])
})

t.test('shutdown: a second signal forces exit 1 at once, logged', async (t) => {
  const h = harness()
  h.shutdown.trap([{ name: 'slow', run: () => sleep(1_000) }], h.signals)
  h.signals.emit('SIGTERM', 'SIGTERM')
  await sleep(10)
  h.signals.emit('SIGINT', 'SIGINT')
  t.equal(await h.exit, 1)
  t.ok(h.log.messages().includes('warn: shutdown: second signal, forcing exit'))
})

t.test('shutdown: the drain budget leaves a reserve for the steps after it', async (t) => {
  const h = harness(25_000)
  t.equal(h.shutdown.remainingMs(), 25_000, 'the whole timeout before shutdown')
  t.equal(h.shutdown.drainBudgetMs(), 23_000, 'less 2 s')
  const short = harness(1_000)
  t.equal(short.shutdown.drainBudgetMs(), 800, 'less a fifth of a short timeout')
  const run = h.shutdown.run('test', [{ name: 'measure', run: () => sleep(50) }])
  await sleep(20)
  t.ok(h.shutdown.remainingMs() < 25_000 && h.shutdown.remainingMs() > 24_000, 'counts down')
  t.equal(await run, 0)
})
