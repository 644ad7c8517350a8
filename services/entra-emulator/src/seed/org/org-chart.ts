// Contoso's organisation as positions. The CEO heads Executive; every other department head reports
// to the CEO; `staff` report to their head; each team has a lead reporting to the head and members
// reporting to the lead. A position's key (e.g. "engineering/team/0/member/2") is the stable seed of
// its user id, so reordering names never changes ids.
import type { OfficeKey } from './offices.js'

export interface TeamSpec {
  /** Team name used in meeting subjects and project groups. */
  name: string
  lead: string
  members: readonly string[]
  office?: OfficeKey
}

export interface DepartmentSpec {
  /** Key segment of positions in this department. */
  key: string
  /** Graph `department` value. */
  name: string
  head: string
  staff: readonly string[]
  teams: readonly TeamSpec[]
  office: OfficeKey
}

export const ROOT_DEPARTMENT = 'executive'

export const ORG_CHART: readonly DepartmentSpec[] = [
  {
    key: 'executive',
    name: 'Executive',
    head: 'Chief Executive Officer',
    staff: ['Executive Assistant', 'Chief of Staff'],
    teams: [],
    office: 'SEA',
  },
  {
    key: 'engineering',
    name: 'Engineering',
    head: 'Chief Technology Officer',
    staff: ['Principal Architect'],
    teams: [
      {
        name: 'Platform',
        lead: 'Engineering Manager',
        members: [
          'Senior Software Engineer',
          'Software Engineer II',
          'Software Engineer',
          'Software Engineer',
          'QA Engineer',
        ],
      },
      {
        name: 'Integrations',
        lead: 'Engineering Manager',
        members: [
          'Senior Software Engineer',
          'Software Engineer',
          'Software Engineer',
          'Site Reliability Engineer',
        ],
        office: 'LON',
      },
      {
        name: 'Product',
        lead: 'Director of Product Management',
        members: ['Senior Product Manager', 'Product Manager', 'UX Designer'],
      },
    ],
    office: 'SEA',
  },
  {
    key: 'sales',
    name: 'Sales',
    head: 'Vice President of Sales',
    staff: ['Sales Operations Analyst'],
    teams: [
      {
        name: 'Americas Sales',
        lead: 'Regional Sales Manager',
        members: [
          'Account Executive',
          'Account Executive',
          'Sales Development Representative',
          'Solutions Engineer',
        ],
      },
      {
        name: 'EMEA Sales',
        lead: 'Regional Sales Manager',
        members: ['Account Executive', 'Account Executive', 'Sales Development Representative'],
        office: 'LON',
      },
    ],
    office: 'NYC',
  },
  {
    key: 'marketing',
    name: 'Marketing',
    head: 'Chief Marketing Officer',
    staff: ['Communications Manager'],
    teams: [
      {
        name: 'Growth Marketing',
        lead: 'Marketing Manager',
        members: [
          'Product Marketing Manager',
          'Content Strategist',
          'Digital Marketing Specialist',
          'Graphic Designer',
        ],
        office: 'NYC',
      },
    ],
    office: 'SEA',
  },
  {
    key: 'finance',
    name: 'Finance',
    head: 'Chief Financial Officer',
    staff: [],
    teams: [
      {
        name: 'Accounting',
        lead: 'Controller',
        members: ['Senior Accountant', 'Accountant', 'Accounts Payable Specialist'],
      },
      { name: 'FP&A', lead: 'FP&A Manager', members: ['Financial Analyst', 'Financial Analyst'] },
    ],
    office: 'SEA',
  },
  {
    key: 'hr',
    name: 'Human Resources',
    head: 'Chief People Officer',
    staff: ['HR Business Partner', 'Compensation and Benefits Analyst'],
    teams: [
      { name: 'Talent Acquisition', lead: 'Talent Acquisition Lead', members: ['Recruiter', 'Recruiter'] },
    ],
    office: 'SEA',
  },
  {
    key: 'legal',
    name: 'Legal',
    head: 'General Counsel',
    staff: ['Corporate Counsel', 'Privacy Officer', 'Paralegal'],
    teams: [],
    office: 'SEA',
  },
  {
    key: 'it',
    name: 'IT Operations',
    head: 'Chief Information Officer',
    staff: [],
    teams: [
      {
        name: 'Infrastructure',
        lead: 'IT Manager',
        members: ['Systems Administrator', 'Systems Administrator', 'Help Desk Technician'],
      },
      { name: 'Security', lead: 'Security Manager', members: ['Security Analyst', 'Security Engineer'] },
    ],
    office: 'SEA',
  },
  {
    key: 'support',
    name: 'Customer Support',
    head: 'Director of Customer Support',
    staff: [],
    teams: [
      {
        name: 'Support APAC',
        lead: 'Support Team Lead',
        members: ['Senior Support Engineer', 'Support Engineer', 'Support Engineer'],
        office: 'SYD',
      },
      {
        name: 'Support EMEA',
        lead: 'Support Team Lead',
        members: ['Support Engineer', 'Support Engineer', 'Customer Success Manager'],
        office: 'LON',
      },
    ],
    office: 'SEA',
  },
]
