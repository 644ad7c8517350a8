import t from 'tap'
import { parseSearchSegment } from '../../../src/graph/routes/drive.js'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const priya = h.seed.demoUsers[0]
if (!priya) throw new Error('seed has no demo user')
const token = await h.token(priya, { scp: 'Files.Read' })
const items = h.seed.driveItemsByUser.get(priya.id) ?? []

t.test("parseSearchSegment reads search(q='…') with '' as an escaped quote", async (t) => {
  t.equal(parseSearchSegment("search(q='plan')"), 'plan')
  t.equal(parseSearchSegment("search(q='O''Brien notes')"), "O'Brien notes")
  t.equal(parseSearchSegment("search(q='')"), '')
  t.equal(parseSearchSegment("search(q='unterminated)"), undefined)
  t.equal(parseSearchSegment("search(q='a'b')"), undefined)
  t.equal(parseSearchSegment('children'), undefined)
})

t.test("/me/drive/root/search(q='…') finds items by name words", async (t) => {
  const res = await h.get(`/me/drive/root/search(q='${encodeURIComponent('plan')}')`, token)
  t.equal(res.status, 200)
  t.equal(res.json['@odata.context'], `${h.base}/$metadata#Collection(driveItem)`)
  const expected = items.filter(
    (i) =>
      !i.root &&
      i.name
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .some((w) => w.startsWith('plan')),
  )
  t.ok(expected.length > 0)
  for (const e of expected)
    t.ok(
      res.json.value.some((i: { id: string }) => i.id === e.id),
      e.name,
    )
  t.ok(res.json.value.every((i: { fileSystemInfo: object }) => !('lastAccessedDateTime' in i.fileSystemInfo)))
  const quoted = await h.get(`/me/drive/root/search(q='${encodeURIComponent("it''s")}')`, token)
  t.equal(quoted.status, 200)
  const none = await h.get(`/me/drive/root/search(q='zzznothing')`, token)
  t.same(none.json.value, [])
  const malformed = await h.get(`/me/drive/root/search(q=plan)`, token)
  t.equal(malformed.status, 400)
})

t.test('/me/drive/recent lists files by last access, with lastAccessedDateTime', async (t) => {
  const res = await h.get('/me/drive/recent', token)
  t.equal(res.status, 200)
  const files = items.filter((i) => i.file)
  t.equal(res.json.value.length, files.length)
  const accessed = res.json.value.map(
    (i: { fileSystemInfo: { lastAccessedDateTime: string } }) => i.fileSystemInfo.lastAccessedDateTime,
  )
  t.same(accessed, [...accessed].sort().reverse())
  t.ok(
    res.json.value.every((i: { folder?: object }) => i.folder === undefined),
    'no folders',
  )
})

t.test('/me/drive, root, children and items/{id}; unknown item → 404 itemNotFound', async (t) => {
  const drive = await h.get('/me/drive', token)
  t.equal(drive.json.id, h.seed.drivesByUser.get(priya.id)?.id)
  const root = await h.get('/me/drive/root', token)
  t.same(root.json.root, {})
  const children = await h.get('/me/drive/root/children', token)
  t.same(
    children.json.value.map((i: { id: string }) => i.id).sort(),
    items
      .filter((i) => i.parentReference.id === root.json.id && !i.root)
      .map((i) => i.id)
      .sort(),
  )
  const file = items.find((i) => i.file)
  if (!file) throw new Error('no file')
  const one = await h.get(`/me/drive/items/${file.id}?$select=name,size`, token)
  t.same(Object.keys(one.json).sort(), ['@odata.context', 'id', 'name', 'size'])
  const missing = await h.get('/me/drive/items/01NOPE', token)
  t.equal(missing.status, 404)
  t.equal(missing.json.error.code, 'itemNotFound')
})
