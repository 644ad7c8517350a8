// Shapes of the emulator's seed data. Users and tenants are the contract between the identity side
// (login page, token claims) and the Graph side; the Graph side adds the rest (groups, events, …).

export interface SeedTenant {
  /** Directory (tenant) id, a GUID: the `tid` claim and the issuer path segment. */
  id: string
  /** Display name, e.g. "Contoso". */
  name: string
  /** Verified domain used in user principal names, e.g. "contoso.example". */
  domain: string
}

export interface SeedUser {
  /** Object id, a GUID: the `oid` claim and the Graph `id`. */
  id: string
  tenantId: string
  userPrincipalName: string
  mail: string
  displayName: string
  givenName: string
  surname: string
  jobTitle: string
  department: string
  officeLocation: string
  city: string
  country: string
  businessPhones: string[]
  mobilePhone: string | null
  preferredLanguage: string
  accountEnabled: boolean
  /** Object id of the manager, null at the top of the organisation. */
  managerId: string | null
  /** Demo users can sign in on the emulator's login page with DEMO_PASSWORD. */
  demo: boolean
}
