import t from 'tap'
import { CONTOSO, FABRIKAM } from '../../../src/entra/tenants.js'
import { loadSeed } from '../fixture.js'

const { seed, byId } = loadSeed()
const GUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

for (const tenant of [CONTOSO, FABRIKAM]) {
  const users = seed.users.filter((u) => u.tenantId === tenant.id)

  t.test(`${tenant.name}: ids, UPNs and mails are unique within the tenant`, async (t) => {
    for (const field of ['id', 'userPrincipalName', 'mail', 'displayName'] as const) {
      const values = users.map((u) => u[field].toLowerCase())
      t.equal(new Set(values).size, values.length, `${field} unique`)
    }
    t.ok(
      users.every((u) => GUID_V4.test(u.id)),
      'ids are version-4-shaped GUIDs',
    )
    t.ok(
      users.every((u) => u.userPrincipalName.endsWith(`@${tenant.domain}`)),
      'UPNs are in the tenant domain',
    )
    t.ok(
      users.every((u) => /^[a-z0-9-]+\.[a-z0-9-]+@[a-z0-9.-]+$/.test(u.userPrincipalName)),
      'UPNs are first.last in plain ASCII',
    )
  })

  t.test(`${tenant.name}: managers form one tree inside the tenant (single root, no cycles)`, async (t) => {
    const roots = users.filter((u) => u.managerId === null)
    t.equal(roots.length, 1, 'exactly one root')
    for (const u of users) {
      const seen = new Set<string>([u.id])
      let cursor = u
      while (cursor.managerId !== null) {
        const manager = byId.get(cursor.managerId)
        if (!manager) {
          t.fail(`${u.userPrincipalName}: manager ${cursor.managerId} does not exist`)
          break
        }
        if (manager.tenantId !== tenant.id) t.fail(`${u.userPrincipalName}: manager in another tenant`)
        if (seen.has(manager.id)) {
          t.fail(`${u.userPrincipalName}: manager cycle`)
          break
        }
        seen.add(manager.id)
        cursor = manager
      }
      if (cursor.id !== roots[0]?.id) t.fail(`${u.userPrincipalName} does not lead to the root`)
    }
  })
}

const contoso = seed.users.filter((u) => u.tenantId === CONTOSO.id)
const reportsOf = (id: string) => contoso.filter((u) => u.managerId === id)

t.test('Contoso: at least 60 users over at least eight departments', async (t) => {
  t.ok(contoso.length >= 60, `${contoso.length} users`)
  const departments = new Set(contoso.map((u) => u.department))
  t.ok(departments.size >= 8, [...departments].join(', '))
  for (const d of ['Executive', 'Engineering', 'Sales', 'Marketing', 'Finance', 'Human Resources', 'Legal']) {
    t.ok(departments.has(d), `has ${d}`)
  }
})

t.test('Contoso: the CEO is the root and every department has a head reporting to the CEO', async (t) => {
  const ceo = contoso.find((u) => u.managerId === null)
  t.equal(ceo?.jobTitle, 'Chief Executive Officer')
  t.equal(ceo?.department, 'Executive')
  const heads = reportsOf(ceo?.id ?? '')
  for (const d of new Set(contoso.map((u) => u.department))) {
    if (d === 'Executive') continue
    const deptHeads = heads.filter((u) => u.department === d)
    t.equal(deptHeads.length, 1, `${d} has one head`)
    const head = deptHeads[0]
    if (!head) continue
    t.ok(reportsOf(head.id).length > 0, `${d} head has reports`)
    const others = contoso.filter((u) => u.department === d && u.id !== head.id)
    const underHead = (id: string | null): boolean =>
      id !== null && (id === head.id || underHead(contoso.find((u) => u.id === id)?.managerId ?? null))
    t.ok(
      others.every((u) => underHead(u.managerId)),
      `everyone else in ${d} is under its head`,
    )
  }
})

t.test('Contoso: direct reports are exactly the users naming the manager', async (t) => {
  const managers = contoso.filter((u) => reportsOf(u.id).length > 0)
  t.ok(managers.length >= 15, `${managers.length} managers`)
  const totalReports = managers.reduce((n, m) => n + reportsOf(m.id).length, 0)
  t.equal(totalReports, contoso.length - 1, 'every non-root user is someone’s report exactly once')
})

t.test('Contoso: profiles carry office, city, country, phone and language', async (t) => {
  for (const u of contoso) {
    if (!/^.+ \/ \d\.\d{3}$/.test(u.officeLocation))
      t.fail(`${u.userPrincipalName}: officeLocation ${u.officeLocation}`)
    if (u.businessPhones.length !== 1 || !/^\+\d[\d ]+$/.test(u.businessPhones[0] ?? '')) {
      t.fail(`${u.userPrincipalName}: businessPhones`)
    }
    if (!u.city || !u.country || !u.jobTitle || !/^[a-z]{2}-[A-Z]{2}$/.test(u.preferredLanguage)) {
      t.fail(`${u.userPrincipalName}: incomplete profile`)
    }
    if (u.mail !== u.userPrincipalName) t.fail(`${u.userPrincipalName}: mail differs from UPN`)
  }
  t.ok(new Set(contoso.map((u) => u.city)).size >= 3, 'several cities')
  const phones = contoso.flatMap((u) => u.businessPhones)
  t.equal(new Set(phones).size, phones.length, 'business phones are unique')
})

t.test('Contoso: some names carry non-ASCII letters while UPNs stay ASCII', async (t) => {
  const accented = contoso.filter((u) => /[^\x20-\x7e]/.test(u.displayName))
  t.ok(accented.length >= 2, accented.map((u) => u.displayName).join(', '))
  t.equal(
    seed.users.find((u) => u.displayName === 'Zoë Fischer')?.userPrincipalName,
    'zoe.fischer@contoso.example',
  )
  t.equal(
    seed.users.find((u) => u.displayName === 'José Alvarez')?.userPrincipalName,
    'jose.alvarez@contoso.example',
  )
  t.equal(
    seed.users.find((u) => u.displayName === "Liam O'Brien")?.userPrincipalName,
    'liam.obrien@contoso.example',
  )
})
