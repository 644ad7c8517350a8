// The people with fixed names: Contoso's CEO and the demo users who sign in on the emulator's login
// page (the README lists them), pinned to org-chart positions; and Fabrikam's small directory.

export interface FixedPerson {
  givenName: string
  surname: string
  demo: boolean
}

/** Contoso position key → fixed person. Order is the README's order of demo users. */
export const CONTOSO_FIXED: ReadonlyMap<string, FixedPerson> = new Map([
  ['executive/staff/0', { givenName: 'Priya', surname: 'Raman', demo: true }], // Executive Assistant to the CEO
  ['engineering/team/0/lead', { givenName: 'Marcus', surname: 'Chen', demo: true }], // Engineering Manager, Platform
  ['engineering/team/0/member/2', { givenName: 'Zoë', surname: 'Fischer', demo: true }], // Software Engineer, reports to Marcus
  ['sales/team/0/member/0', { givenName: 'José', surname: 'Alvarez', demo: true }], // Account Executive, Americas
  ['finance/team/1/member/0', { givenName: 'Hannah', surname: 'Okafor', demo: true }], // Financial Analyst, FP&A
  ['hr/staff/0', { givenName: 'Liam', surname: "O'Brien", demo: true }], // HR Business Partner
  ['executive/head', { givenName: 'Catherine', surname: 'Holloway', demo: false }], // CEO
])

export interface FabrikamPerson extends FixedPerson {
  key: string
  jobTitle: string
  department: string
  managerKey: string | null
  /** Take the `mail` of this Contoso position instead of `first.last@fabrikam.example` (nOAuth case). */
  sameMailAs?: string
}

/**
 * Fabrikam, a second tenant. "Marcus Chen" here is the nOAuth test case: his `mail` (and display
 * name) deliberately equal Contoso demo user Marcus Chen's, as an attacker can set in a tenant they
 * control, yet he is a different identity (other `tid`, other `oid`). A relying party that keys
 * users by email instead of tid + oid would merge the two accounts.
 */
export const FABRIKAM_PEOPLE: readonly FabrikamPerson[] = [
  {
    key: 'ceo',
    givenName: 'Ingrid',
    surname: 'Novak',
    demo: true,
    jobTitle: 'Chief Executive Officer',
    department: 'Executive',
    managerKey: null,
  },
  {
    key: 'ops',
    givenName: 'Tomás',
    surname: 'Herrera',
    demo: false,
    jobTitle: 'Director of Operations',
    department: 'Operations',
    managerKey: 'ceo',
  },
  {
    key: 'eng',
    givenName: 'Ruth',
    surname: 'Abernathy',
    demo: false,
    jobTitle: 'Engineering Lead',
    department: 'Engineering',
    managerKey: 'ceo',
  },
  {
    key: 'noauth',
    givenName: 'Marcus',
    surname: 'Chen',
    demo: true,
    jobTitle: 'Software Engineer',
    department: 'Engineering',
    managerKey: 'eng',
    sameMailAs: 'engineering/team/0/lead',
  },
  {
    key: 'sales',
    givenName: 'Olu',
    surname: 'Bankole',
    demo: false,
    jobTitle: 'Sales Lead',
    department: 'Sales',
    managerKey: 'ceo',
  },
  {
    key: 'acct',
    givenName: 'Mei',
    surname: 'Lin',
    demo: false,
    jobTitle: 'Accountant',
    department: 'Operations',
    managerKey: 'ops',
  },
]
