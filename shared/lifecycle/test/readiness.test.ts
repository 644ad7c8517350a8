import t from 'tap'
import { createReadiness } from '../src/index.js'

t.test(
  'readiness: ready when every check passes; a false or a rejection names the failed check',
  async (t) => {
    const ok = createReadiness({
      checks: { store: () => Promise.resolve(), auth: () => Promise.resolve(true) },
    })
    t.same(await ok(), { ready: true, checks: { store: 'ok', auth: 'ok' } })

    const failing = createReadiness({
      checks: {
        store: () => Promise.reject(new Error('connect ECONNREFUSED redis://:hunter2@10.0.0.9:6379')),
        auth: () => Promise.resolve(false),
        tools: () => Promise.resolve(true),
      },
    })
    const report = await failing()
    t.same(report, { ready: false, checks: { store: 'failed', auth: 'failed', tools: 'ok' } })
    t.notMatch(JSON.stringify(report), /hunter2|10\.0\.0\.9/, 'no error text, so no URL or credential')
  },
)

t.test(
  'readiness: a hung check answers timeout within its timeout, the others are not held up',
  async (t) => {
    const readiness = createReadiness({
      checks: { store: () => new Promise(() => {}), auth: () => Promise.resolve() },
      timeoutMs: 100,
    })
    const started = Date.now()
    t.same(await readiness(), { ready: false, checks: { store: 'timeout', auth: 'ok' } })
    t.ok(Date.now() - started < 1_000, 'answered near the timeout')
  },
)

t.test('readiness: a check that throws synchronously counts as failed', async (t) => {
  const readiness = createReadiness({
    checks: {
      store: () => {
        throw new Error('sync')
      },
    },
  })
  t.same(await readiness(), { ready: false, checks: { store: 'failed' } })
})

t.test('readiness: not ready once shutdown began, without running the checks', async (t) => {
  let stopping = false
  let ran = 0
  const readiness = createReadiness({
    checks: { store: () => Promise.resolve(void ran++) },
    isStopping: () => stopping,
  })
  t.equal((await readiness()).ready, true)
  stopping = true
  t.same(await readiness(), { ready: false, checks: { shutdown: 'in_progress' } })
  t.equal(ran, 1)
})
