import t from 'tap'
import type { Test } from 'tap'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const tenantId = h.seed.tenants[0]?.id as string
const contoso = h.seed.users.filter((u) => u.tenantId === tenantId)
const priya = h.seed.demoUsers[0]
if (!priya) throw new Error('seed has no demo user')
const token = await h.token(priya)
const eventual = { ConsistencyLevel: 'eventual' }

async function walk(t: Test, first: string, headers: Record<string, string> = {}) {
  const ids: string[] = []
  let url: string | undefined = `${h.base}${first}`
  let pages = 0
  while (url) {
    const res = await h.getUrl(url, token, headers)
    if (res.status !== 200) throw new Error(`page ${pages}: ${res.status} ${res.text}`)
    for (const u of res.json.value) ids.push(u.id)
    url = res.json['@odata.nextLink']
    if (url) t.ok(url.startsWith(`${h.base}/users?`), 'nextLink is absolute https with the port')
    pages++
  }
  return { ids, pages }
}

t.test('GET /me returns the caller with the default user properties only', async (t) => {
  const res = await h.get('/me', token)
  t.equal(res.status, 200)
  t.equal(res.json.id, priya.id)
  t.equal(res.json.userPrincipalName, priya.userPrincipalName)
  t.equal(res.json['@odata.context'], `${h.base}/$metadata#users/$entity`)
  t.notOk('department' in res.json, 'department is not a default property')
  t.notOk(
    'managerId' in res.json || 'tenantId' in res.json || 'demo' in res.json,
    'internal fields never leak',
  )
  t.ok(res.headers.get('request-id'), 'request-id header')
})

t.test('GET /users lists only the caller’s tenant, 100 a page by default', async (t) => {
  const res = await h.get('/users', token)
  t.equal(res.status, 200)
  t.ok(res.json.value.every((u: { id: string }) => contoso.some((c) => c.id === u.id)))
  t.equal(res.json.value.length, Math.min(100, contoso.length))
})

t.test('nextLink paging returns every user exactly once ($top=7)', async (t) => {
  const { ids, pages } = await walk(t, '/users?$top=7')
  t.equal(ids.length, contoso.length)
  t.equal(new Set(ids).size, contoso.length, 'no duplicates')
  t.same(new Set(ids), new Set(contoso.map((u) => u.id)))
  t.equal(pages, Math.ceil(contoso.length / 7))
})

t.test('nextLink paging with $search and ConsistencyLevel returns every match exactly once', async (t) => {
  const matches = contoso.filter((u) =>
    u.displayName.split(' ').some((w) => w.toLowerCase().startsWith('ma')),
  )
  t.ok(matches.length > 2, 'the query matches several users')
  const { ids } = await walk(t, '/users?$top=2&$search="displayName:ma"', eventual)
  t.equal(ids.length, matches.length)
  t.same(new Set(ids), new Set(matches.map((u) => u.id)))
})

t.test('a $search nextLink followed without ConsistencyLevel → 400 Request_UnsupportedQuery', async (t) => {
  const first = await h.get('/users?$top=2&$search="displayName:ma"', token, eventual)
  const next = await h.getUrl(first.json['@odata.nextLink'], token)
  t.equal(next.status, 400)
  t.equal(next.json.error.code, 'Request_UnsupportedQuery')
})

t.test('$search without ConsistencyLevel → 400 Request_UnsupportedQuery', async (t) => {
  const res = await h.get('/users?$search="displayName:priya"', token)
  t.equal(res.status, 400)
  t.equal(res.json.error.code, 'Request_UnsupportedQuery')
  t.match(res.json.error.message, /ConsistencyLevel: eventual/)
})

t.test(
  '$search: tokenized prefix match on displayName, AND/OR clauses, malformed → 400 Request_BadRequest',
  async (t) => {
    const one = await h.get('/users?$search="displayName:rama"', token, eventual)
    t.same(
      one.json.value.map((u: { id: string }) => u.id),
      contoso
        .filter((u) => u.displayName.split(' ').some((w) => w.toLowerCase().startsWith('rama')))
        .map((u) => u.id),
    )
    t.ok(one.json.value.some((u: { id: string }) => u.id === priya.id))
    const and = await h.get('/users?$search="displayName:priya" AND "mail:priya.raman"', token, eventual)
    t.same(
      and.json.value.map((u: { id: string }) => u.id),
      [priya.id],
    )
    const or = await h.get('/users?$search="displayName:priya" OR "displayName:catherine"', token, eventual)
    t.ok(or.json.value.length >= 2)
    for (const bad of [
      'displayName:priya',
      '"displayName:priya" "mail:x"',
      '"displayName"',
      '"displayName:priya" AND',
    ]) {
      const res = await h.get(`/users?$search=${encodeURIComponent(bad)}`, token, eventual)
      t.equal(res.status, 400, bad)
      t.equal(res.json.error.code, 'Request_BadRequest', bad)
    }
  },
)

t.test('tampered $skiptoken → 400; a token replayed on another query → 400', async (t) => {
  const first = await h.get('/users?$top=5', token)
  const link = new URL(first.json['@odata.nextLink'])
  const skiptoken = link.searchParams.get('$skiptoken') as string
  const forged = skiptoken.replace(/^[^.]+/, Buffer.from('o=60').toString('base64url'))
  const tampered = await h.get(`/users?$top=5&$skiptoken=${encodeURIComponent(forged)}`, token)
  t.equal(tampered.status, 400)
  t.equal(tampered.json.error.code, 'Request_BadRequest')
  const replayed = await h.get(`/users?$top=6&$skiptoken=${encodeURIComponent(skiptoken)}`, token)
  t.equal(replayed.status, 400, 'bound to the original query options')
  const other = h.seed.demoUsers.find((u) => u.tenantId === tenantId && u.id !== priya.id)
  if (!other) throw new Error('need a second demo user')
  const foreign = await h.getUrl(link.toString(), await h.token(other))
  t.equal(foreign.status, 400, 'bound to the caller')
  const genuine = await h.getUrl(link.toString(), token)
  t.equal(genuine.status, 200)
})

t.test('$top outside 1..999 → 400 Request_UnsupportedQuery', async (t) => {
  for (const top of ['1000', '0', 'abc', '-1']) {
    const res = await h.get(`/users?$top=${top}`, token)
    t.equal(res.status, 400, top)
    t.equal(res.json.error.code, 'Request_UnsupportedQuery', top)
  }
  const ok = await h.get('/users?$top=999', token)
  t.equal(ok.status, 200)
})

t.test('$skip on /users → 400 Request_BadRequest "\'$skip\' is not supported by the service."', async (t) => {
  const res = await h.get('/users?$skip=5', token)
  t.equal(res.status, 400)
  t.equal(res.json.error.code, 'Request_BadRequest')
  t.equal(res.json.error.message, "'$skip' is not supported by the service.")
})

t.test('$select returns only the named properties plus id; unknown → 400 Request_BadRequest', async (t) => {
  const res = await h.get('/users?$select=displayName,department&$top=3', token)
  t.equal(res.status, 200)
  for (const u of res.json.value) t.same(Object.keys(u).sort(), ['department', 'displayName', 'id'])
  t.equal(res.json['@odata.context'], `${h.base}/$metadata#users(displayName,department)`)
  const me = await h.get('/me?$select=JOBTITLE', token)
  t.same(me.json.jobTitle, priya.jobTitle, 'names match case-insensitively')
  const bad = await h.get('/users?$select=displayName,shoeSize', token)
  t.equal(bad.status, 400)
  t.equal(bad.json.error.code, 'Request_BadRequest')
})

t.test('$filter: eq, startsWith, and/or, parentheses, quotes escaped as two quotes', async (t) => {
  const eq = await h.get(
    `/users?$filter=${encodeURIComponent(`userPrincipalName eq '${priya.userPrincipalName.toUpperCase()}'`)}`,
    token,
  )
  t.same(
    eq.json.value.map((u: { id: string }) => u.id),
    [priya.id],
    'case-insensitive eq',
  )
  const sw = await h.get(`/users?$filter=${encodeURIComponent("startsWith(displayName,'Ma')")}`, token)
  t.same(
    sw.json.value.map((u: { id: string }) => u.id).sort(),
    contoso
      .filter((u) => u.displayName.startsWith('Ma'))
      .map((u) => u.id)
      .sort(),
  )
  const combo = await h.get(
    `/users?$filter=${encodeURIComponent("(department eq 'Engineering' or department eq 'Executive') and accountEnabled eq true")}`,
    token,
  )
  t.same(
    combo.json.value.map((u: { id: string }) => u.id).sort(),
    contoso
      .filter((u) => (u.department === 'Engineering' || u.department === 'Executive') && u.accountEnabled)
      .map((u) => u.id)
      .sort(),
  )
  const quoted = await h.get(`/users?$filter=${encodeURIComponent("displayName eq 'O''Brien'")}`, token)
  t.equal(quoted.status, 200, "'' parses as an escaped quote")
})

t.test(
  '$filter: unsupported clause → 400 Request_UnsupportedQuery, syntax error → 400 Request_BadRequest',
  async (t) => {
    const ne = await h.get(`/users?$filter=${encodeURIComponent("department ne 'Sales'")}`, token)
    t.equal(ne.status, 400)
    t.equal(ne.json.error.code, 'Request_UnsupportedQuery', 'ne needs an advanced query')
    const neAdvanced = await h.get(
      `/users?$count=true&$filter=${encodeURIComponent("department ne 'Sales'")}`,
      token,
      eventual,
    )
    t.equal(neAdvanced.status, 200)
    t.equal(neAdvanced.json['@odata.count'], contoso.filter((u) => u.department !== 'Sales').length)
    const lambda = await h.get(
      `/users?$filter=${encodeURIComponent("businessPhones/any(p:p eq '1')")}`,
      token,
    )
    t.equal(lambda.json.error.code, 'Request_UnsupportedQuery')
    const syntax = await h.get(`/users?$filter=${encodeURIComponent('displayName eq')}`, token)
    t.equal(syntax.status, 400)
    t.equal(syntax.json.error.code, 'Request_BadRequest')
  },
)

t.test('$count: @odata.count and /users/$count need ConsistencyLevel: eventual', async (t) => {
  const counted = await h.get('/users?$count=true&$top=1', token, eventual)
  t.equal(counted.json['@odata.count'], contoso.length)
  t.equal(counted.json.value.length, 1)
  const refused = await h.get('/users?$count=true', token)
  t.equal(refused.status, 400)
  t.equal(refused.json.error.code, 'Request_BadRequest')
  const plain = await h.get('/users/$count', token, eventual)
  t.equal(plain.status, 200)
  t.match(plain.headers.get('content-type'), /^text\/plain/)
  t.equal(plain.text, String(contoso.length))
  const filtered = await h.get(
    `/users/$count?$filter=${encodeURIComponent("department eq 'Engineering'")}`,
    token,
    eventual,
  )
  t.equal(filtered.text, String(contoso.filter((u) => u.department === 'Engineering').length))
  const noHeader = await h.get('/users/$count', token)
  t.equal(noHeader.status, 400)
})

t.test('$orderby displayName asc/desc; with $filter it needs an advanced query', async (t) => {
  const names = contoso.map((u) => u.displayName.toLowerCase()).sort()
  const asc = await h.get('/users?$orderby=displayName&$top=999', token)
  t.same(
    asc.json.value.map((u: { displayName: string }) => u.displayName.toLowerCase()),
    names,
  )
  const desc = await h.get('/users?$orderby=displayName desc&$top=999', token)
  t.same(
    desc.json.value.map((u: { displayName: string }) => u.displayName.toLowerCase()),
    [...names].reverse(),
  )
  const unsupported = await h.get('/users?$orderby=jobTitle', token)
  t.equal(unsupported.json.error.code, 'Request_UnsupportedQuery')
  const withFilter = await h.get(
    `/users?$orderby=displayName&$filter=${encodeURIComponent("department eq 'Engineering'")}`,
    token,
  )
  t.equal(withFilter.json.error.code, 'Request_UnsupportedQuery')
  const advanced = await h.get(
    `/users?$count=true&$orderby=displayName&$filter=${encodeURIComponent("department eq 'Engineering'")}`,
    token,
    eventual,
  )
  t.equal(advanced.status, 200)
})

t.test(
  'GET /users/{id | upn}: both resolve; unknown and other-tenant ids → 404 Request_ResourceNotFound',
  async (t) => {
    const target = contoso.find((u) => u.id !== priya.id) as (typeof contoso)[number]
    const byId = await h.get(`/users/${target.id}`, token)
    t.equal(byId.json.id, target.id)
    const byUpn = await h.get(`/users/${encodeURIComponent(target.userPrincipalName)}`, token)
    t.equal(byUpn.json.id, target.id)
    const fabrikamUser = h.seed.users.find((u) => u.tenantId !== tenantId) as (typeof contoso)[number]
    const foreign = await h.get(`/users/${fabrikamUser.id}`, token)
    t.equal(foreign.status, 404)
    t.equal(foreign.json.error.code, 'Request_ResourceNotFound')
    const missing = await h.get('/users/00000000-0000-0000-0000-000000000000', token)
    t.equal(missing.status, 404)
  },
)

t.test(
  'reading yourself through /users/{id} needs only User.Read; another user needs User.ReadBasic.All',
  async (t) => {
    const basic = await h.token(priya, { scp: 'User.Read' })
    t.equal((await h.get(`/users/${priya.id}`, basic)).status, 200)
    const other = contoso.find((u) => u.id !== priya.id) as (typeof contoso)[number]
    const denied = await h.get(`/users/${other.id}`, basic)
    t.equal(denied.status, 403)
    t.equal(denied.json.error.code, 'Authorization_RequestDenied')
  },
)
