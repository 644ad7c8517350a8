import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { listRecentFiles } from '../../src/tools/list-recent-files.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})

t.test("listRecentFiles: returns files of Zoë's OneDrive, pages joined without repeats", async (t) => {
  const seeded = new Map(
    (harness.emulator.seed.driveItemsByUser.get(harness.userId('zoe.fischer')) ?? []).map((f) => [f.id, f]),
  )
  const context = await harness.context('zoe.fischer')
  const seen: string[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await runTool(listRecentFiles, { pageSize: 3, ...(cursor ? { cursor } : {}) }, context)
    for (const f of page.structured!.items) {
      t.equal(f.name, seeded.get(f.id)?.name, 'a seeded item with its name')
      seen.push(f.id)
    }
    cursor = page.structured!.nextCursor
    pages++
  } while (cursor !== undefined && pages < 50)
  t.ok(seen.length > 0)
  t.equal(new Set(seen).size, seen.length)
})

t.test('listRecentFiles: page sizes outside 1–50 are refused', async (t) => {
  t.notOk(listRecentFiles.input.safeParse({ pageSize: 0 }).success)
  t.notOk(listRecentFiles.input.safeParse({ pageSize: 51 }).success)
})

t.test('listRecentFiles: without a files permission the error names Files.Read', async (t) => {
  const error = await runTool(
    listRecentFiles,
    {},
    await harness.context('zoe.fischer', { app: 'basic' }),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /Files\.Read/)
})
