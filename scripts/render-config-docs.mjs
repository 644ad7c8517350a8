#!/usr/bin/env node
// Renders docs/configuration.md from every service's config schema (services/*/dist/config.js, which
// exports `configSchema`, `serviceName` and optionally `title`).
//
//   node scripts/render-config-docs.mjs            write docs/configuration.md
//   node scripts/render-config-docs.mjs --check    exit 1 when the file is stale (CI)
//   --root <dir>                                   read services/ and write docs/ under <dir>
//
// Build first (`npm run build`): the schemas are read from the compiled output.
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DOC = join('docs', 'configuration.md')

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { check: false, root: repoRoot }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--check') options.check = true
    else if (arg === '--root' && argv[i + 1] !== undefined) options.root = resolve(argv[++i])
    else
      throw new UsageError(`unknown argument: ${arg}\nusage: render-config-docs.mjs [--check] [--root <dir>]`)
  }
  return options
}

async function importRenderer() {
  const entry = join(repoRoot, 'shared', 'config', 'dist', 'index.js')
  if (!existsSync(entry)) {
    throw new UsageError(`${relative(process.cwd(), entry)} is missing: run npm run build first`)
  }
  const { renderConfigMarkdown } = await import(pathToFileURL(entry).href)
  return renderConfigMarkdown
}

async function loadSections(root) {
  const servicesDir = join(root, 'services')
  const entries = existsSync(servicesDir) ? await readdir(servicesDir, { withFileTypes: true }) : []
  // A service takes part when it declares a config schema (src/config.ts) or ships a built one.
  const declares = (name) =>
    existsSync(join(servicesDir, name, 'src', 'config.ts')) ||
    existsSync(join(servicesDir, name, 'dist', 'config.js'))
  const services = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter(declares)
  if (services.length === 0) throw new UsageError(`no service config schemas found under ${servicesDir}`)

  const missing = services.filter((name) => !existsSync(join(servicesDir, name, 'dist', 'config.js')))
  if (missing.length > 0) {
    const list = missing.map((name) => `services/${name}/dist/config.js`).join(', ')
    throw new UsageError(`${list} not found: run npm run build first (every service needs src/config.ts)`)
  }

  const sections = []
  for (const name of services) {
    const file = join(servicesDir, name, 'dist', 'config.js')
    const module = await import(pathToFileURL(file).href)
    if (module.configSchema === undefined || typeof module.serviceName !== 'string') {
      throw new UsageError(`services/${name}/dist/config.js must export configSchema and serviceName`)
    }
    const section = { service: module.serviceName, schema: module.configSchema }
    if (typeof module.title === 'string') section.title = module.title
    sections.push(section)
  }
  // Code-unit order, not locale order, so every machine renders the same file.
  return sections.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0))
}

async function main() {
  const { check, root } = parseArgs(process.argv.slice(2))
  const renderConfigMarkdown = await importRenderer()
  const markdown = renderConfigMarkdown(await loadSections(root))
  const target = join(root, DOC)

  if (check) {
    const current = existsSync(target) ? await readFile(target, 'utf8') : undefined
    if (current !== markdown) {
      console.error(`${DOC} is stale: run npm run docs:config`)
      process.exitCode = 1
      return
    }
    console.log(`${DOC} is up to date`)
    return
  }
  await mkdir(dirname(target), { recursive: true })
  await writeFile(target, markdown)
  console.log(`wrote ${DOC}`)
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error)
  process.exitCode = 1
})
