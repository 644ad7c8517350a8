import { Agent, get } from 'node:http'
import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'
import t from 'tap'
import { closeListener } from '../src/index.js'

t.test(
  'closeListener: a request in flight finishes, then its keep-alive socket closes at once (not after keepAliveTimeout)',
  async (t) => {
    const app = Fastify({ keepAliveTimeout: 60_000 })
    let release: () => void = () => {}
    let received: () => void = () => {}
    const arrived = new Promise<void>((resolve) => (received = resolve))
    app.get('/slow', async () => {
      received()
      await new Promise<void>((resolve) => (release = resolve))
      return { done: true }
    })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as AddressInfo).port
    const agent = new Agent({ keepAlive: true })
    t.teardown(() => {
      agent.destroy()
    })

    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/slow', agent }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      }).on('error', reject)
    })
    await arrived
    const started = Date.now()
    const closing = closeListener(app, 20)
    const refused = await fetch(`http://127.0.0.1:${port}/slow`).then(
      () => false,
      () => true,
    )
    t.ok(refused, 'no new connections')
    setTimeout(() => release(), 100)
    t.same(await response, { status: 200, body: '{"done":true}' }, 'the request in flight finished')
    await closing
    t.ok(Date.now() - started < 2_000, `closed ${Date.now() - started} ms after close() began`)
  },
)
