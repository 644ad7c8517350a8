import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { isValidatedRedirect, type ValidatedRedirect } from '../../src/oauth/validated-redirect.js'
import { createRedirectUriPolicy } from '../../src/oauth/redirect-uri.js'

const srcRoot = fileURLToPath(new URL('../../src/', import.meta.url))

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return sourceFiles(path)
      return Promise.resolve(entry.name.endsWith('.ts') ? [path] : [])
    }),
  )
  return nested.flat()
}

t.test('validated redirect: only redirect-uri.ts mints a ValidatedRedirect (house style §4)', async (t) => {
  const minters: string[] = []
  for (const file of await sourceFiles(srcRoot)) {
    const source = await readFile(file, 'utf8')
    if (source.includes('mintValidatedRedirect(')) minters.push(file.slice(srcRoot.length))
  }
  t.same(minters.sort(), ['oauth/redirect-uri.ts', 'oauth/validated-redirect.ts'])
})

t.test('validated redirect: look-alike objects are not validated redirects', async (t) => {
  t.equal(isValidatedRedirect({ uri: 'https://client.example/cb' }), false)
  t.equal(isValidatedRedirect(null), false)
  t.equal(isValidatedRedirect('https://client.example/cb'), false)
  const real = createRedirectUriPolicy().resolve(undefined, ['https://client.example/cb'])
  t.equal(isValidatedRedirect(real), true)
  t.ok(Object.isFrozen(real), 'cannot be re-pointed after validation')
  // @ts-expect-error a ValidatedRedirect cannot be written as a literal
  const literal: ValidatedRedirect = { uri: 'https://evil.example/' }
  t.equal(isValidatedRedirect(literal), false)
})
