// scripts/render-config-docs.mjs against throwaway services in a temp root. It imports the built
// package (shared/config/dist), which `npm test` builds first (pretest).
import t from 'tap'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

const repoRoot = resolve(import.meta.dirname, '..', '..', '..')
const script = join(repoRoot, 'scripts', 'render-config-docs.mjs')
const configDist = pathToFileURL(join(repoRoot, 'shared', 'config', 'dist', 'index.js')).href
const zodEntry = pathToFileURL(join(repoRoot, 'node_modules', 'zod', 'index.js')).href

async function run(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args])
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

async function addService(root: string, name: string, body: string) {
  const dir = join(root, 'services', name, 'dist')
  await mkdir(dir, { recursive: true })
  const imports = `import { z } from '${zodEntry}'\nimport { port, url } from '${configDist}'\n`
  await writeFile(join(dir, 'config.js'), `${imports}export const serviceName = '${name}'\n${body}\n`)
}

t.before(() => {
  if (!existsSync(new URL(configDist))) throw new Error('build shared/config first (npm run build)')
})

t.test(
  'render-config-docs: writes one section per service, sorted by name, and --check accepts it',
  async (t) => {
    const root = t.testdir()
    await addService(
      root,
      'zeta',
      `export const configSchema = z.object({ PORT: port().default(1).describe('Zeta port.') })`,
    )
    await addService(
      root,
      'alpha',
      `export const title = 'Alpha'\nexport const configSchema = z.object({ PUBLIC_URL: url().describe('Alpha origin.') })`,
    )
    t.equal((await run('--root', root, '--check')).code, 1, 'a missing file is stale')

    const written = await run('--root', root)
    t.equal(written.code, 0, written.stderr)
    const doc = await readFile(join(root, 'docs', 'configuration.md'), 'utf8')
    t.ok(doc.indexOf('## Alpha') < doc.indexOf('## zeta'))
    t.match(doc, '| `PUBLIC_URL` | url | — | yes | Alpha origin. |')
    t.match(doc, '| `PORT` | port | `1` | no | Zeta port. |')

    t.equal((await run('--root', root, '--check')).code, 0)
  },
)

t.test('render-config-docs: --check fails on a stale file with the fix in the message', async (t) => {
  const root = t.testdir({ docs: { 'configuration.md': '# hand-edited\n' } })
  await addService(
    root,
    'gateway',
    `export const configSchema = z.object({ PORT: port().default(2).describe('Port.') })`,
  )
  const result = await run('--root', root, '--check')
  t.equal(result.code, 1)
  t.match(result.stderr, 'docs/configuration.md is stale: run npm run docs:config')
  t.equal(
    await readFile(join(root, 'docs', 'configuration.md'), 'utf8'),
    '# hand-edited\n',
    'check never writes',
  )
})

t.test(
  'render-config-docs: a service with src/config.ts but no dist/config.js fails and says to build',
  async (t) => {
    const root = t.testdir({ services: { tools: { src: { 'config.ts': '' } }, web: { src: {} } } })
    await addService(
      root,
      'auth',
      `export const configSchema = z.object({ PORT: port().default(3).describe('Port.') })`,
    )
    const result = await run('--root', root)
    t.equal(result.code, 1)
    t.match(result.stderr, 'services/tools/dist/config.js not found: run npm run build first')
    t.notOk(existsSync(join(root, 'docs', 'configuration.md')))
  },
)
