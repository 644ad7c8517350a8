// The MCP conformance suite (@modelcontextprotocol/conformance, 0.2 line) against a real tools
// replica, through a test-only proxy that adds a real access token (the service keeps checking it).
// Selected: the server scenarios that apply to a product without the suite's fixture tools.
//
// Excluded, because they call fixture tools, resources or prompts the product does not have:
// tools-call-* (test_simple_text, test_image_content, …), json-schema-2020-12, elicitation-*,
// input-required-result-*, server-sse-polling (test tool + SSE resumption), logging-set-level and
// tools-call-with-logging (no logging capability), completion-complete, resources-*, prompts-*,
// sep-2164-resource-not-found, caching (its tools/list check passes; the rest needs resources and
// prompts), and the extension scenarios (tasks-*, sep-2640-skills-*).
//
// The 0.2 CLI imports fs.globSync (Node 22+); on Node 20 it runs with support/node20-hooks.mjs,
// which supplies only that function (see support/node20-fs-glob.mjs). Nothing else is changed.
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { startStack } from '../support/stack.js'
import { runConformance, type ConformanceRun } from './support/run-conformance.js'
import { startTokenProxy } from './support/token-proxy.js'

const expectedFailures = fileURLToPath(new URL('./expected-failures.yml', import.meta.url))

const RUNS: Array<{ scenario: string; specVersion: string; wire: boolean }> = [
  { scenario: 'server-initialize', specVersion: '2025-11-25', wire: true },
  { scenario: 'ping', specVersion: '2025-11-25', wire: true },
  { scenario: 'tools-list', specVersion: '2025-11-25', wire: true },
  { scenario: 'tools-list', specVersion: '2026-07-28', wire: true },
  { scenario: 'server-stateless', specVersion: '2026-07-28', wire: false },
  { scenario: 'http-header-validation', specVersion: '2026-07-28', wire: true },
  { scenario: 'dns-rebinding-protection', specVersion: '2025-11-25', wire: false },
]

const summary = (run: ConformanceRun) =>
  run.checks.map(
    (check) => `${check.status} ${check.id}${check.errorMessage ? `: ${check.errorMessage}` : ''}`,
  )

t.test('MCP conformance: server scenarios without fixture tools pass', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn), { replicas: 1 })
  const { accessToken } = await stack.signIn()
  const proxy = await startTokenProxy((fn) => t.teardown(fn), stack.replicas[0]?.url ?? '', accessToken)
  const url = `${proxy}/mcp`

  // Each CLI run spends seconds loading itself; the server is stateless, so run a few at once.
  const lifecycle = runConformance({ url, scenario: 'server-session-lifecycle', specVersion: '2025-03-26' })
  const runs = await inBatches(RUNS, 3, ({ scenario, specVersion }) =>
    runConformance({ url, scenario, specVersion, expectedFailures }),
  )
  for (const [index, { scenario, specVersion, wire }] of RUNS.entries()) {
    const run = runs[index] as ConformanceRun
    await t.test(`${scenario} (${specVersion})`, async (t) => {
      t.equal(run.exitCode, 0, 'the CLI reports no unexpected failure')
      const failed = run.checks.filter((check) => check.status === 'FAILURE')
      const baselined = failed.filter((check) =>
        /^Not testable: server does not list the diagnostic tool/.test(check.errorMessage ?? ''),
      )
      t.same(failed.length, baselined.length, 'every failure is a fixture-tool check', {
        checks: summary(run),
      })
      t.ok(
        run.checks.some((check) => check.status === 'SUCCESS'),
        'checks ran and passed',
        { output: run.output.slice(-2000) },
      )
      if (wire)
        t.match(
          run.checks.find((check) => check.id === 'wire-schema-valid'),
          { status: 'SUCCESS' },
          'every message the server sent is valid per the spec JSON schema',
        )
    })
  }

  await t.test('server-session-lifecycle (2025-03-26): the server is stateless', async (t) => {
    const run = await lifecycle
    t.equal(run.exitCode, 0)
    t.match(
      run.checks,
      [{ id: 'server-session-lifecycle-skipped', status: 'INFO' }],
      'no Mcp-Session-Id was issued, so there is no session to manage',
    )
    t.notOk(
      run.checks.some((check) => check.status === 'FAILURE'),
      'no failure',
      { checks: summary(run) },
    )
  })
})

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(fn))))
  return results
}
