// OneDrive file templates by department, with the MIME types and size ranges of each kind.

export const FOLDERS: readonly string[] = ['Projects', 'Shared', 'Archive']

const GENERAL: readonly string[] = [
  'Expense report.xlsx',
  'Team offsite agenda.docx',
  'Onboarding checklist.docx',
  'Company handbook.pdf',
  'Quarterly goals.docx',
  '1-1 notes.docx',
  'Org chart.pptx',
  'Travel policy.pdf',
  'Meeting notes - planning.docx',
  'Weekly status.pptx',
  'Contacts export.csv',
]

const BY_DEPARTMENT: Record<string, readonly string[]> = {
  Executive: [
    'Board deck draft.pptx',
    'Strategy memo.docx',
    'Leadership offsite plan.docx',
    'Executive calendar overview.xlsx',
    'Investor FAQ.docx',
  ],
  Engineering: [
    'Architecture overview.docx',
    'Service latency report.xlsx',
    'Sprint retro.pptx',
    'Project Atlas design.docx',
    'On-call runbook.docx',
    'Load test results.xlsx',
    'API reference.pdf',
    'Incident postmortem - checkout latency.docx',
  ],
  Sales: [
    'Pipeline forecast.xlsx',
    'Harborview Logistics proposal.docx',
    'Alpine Ridge Foods pricing.xlsx',
    'Sales playbook.pdf',
    'Customer pitch deck.pptx',
    'Account plan - Quarry Lane Bank.docx',
    'Commission statement.pdf',
  ],
  Marketing: [
    'Launch campaign plan.pptx',
    'Brand guidelines.pdf',
    'Content calendar.xlsx',
    'Press release draft.docx',
    'Webinar survey results.csv',
  ],
  Finance: [
    'FY budget model.xlsx',
    'Reforecast inputs.xlsx',
    'Variance analysis - Marketing.xlsx',
    'Month-end close checklist.docx',
    'Audit request list.xlsx',
    'Project Meridian cutover plan.docx',
    'Board financials.pptx',
  ],
  'Human Resources': [
    'Promotion cycle timeline.docx',
    'Engagement survey results.xlsx',
    'Benefits overview.pdf',
    'Hiring plan.xlsx',
    'Interview guide.docx',
    'Compensation bands.xlsx',
  ],
  Legal: [
    'NDA template.docx',
    'Contract tracker.xlsx',
    'Privacy impact assessment.docx',
    'Data processing addendum.pdf',
  ],
  'IT Operations': [
    'Device refresh plan.xlsx',
    'Network diagram.pdf',
    'Access review.xlsx',
    'Incident response plan.docx',
  ],
  'Customer Support': ['Escalation log.xlsx', 'Support macros.docx', 'CSAT report.pptx', 'Known issues.docx'],
}

export function fileNames(department: string): readonly string[] {
  return [...(BY_DEPARTMENT[department] ?? []), ...GENERAL]
}

interface Kind {
  mimeType: string
  minSize: number
  maxSize: number
  office: boolean
}

const KINDS: Record<string, Kind> = {
  docx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    minSize: 18_000,
    maxSize: 1_200_000,
    office: true,
  },
  xlsx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    minSize: 12_000,
    maxSize: 4_000_000,
    office: true,
  },
  pptx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    minSize: 300_000,
    maxSize: 18_000_000,
    office: true,
  },
  pdf: { mimeType: 'application/pdf', minSize: 80_000, maxSize: 6_000_000, office: false },
  csv: { mimeType: 'text/csv', minSize: 2_000, maxSize: 500_000, office: false },
}

export function kindOf(name: string): Kind {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
  const kind = KINDS[ext]
  if (!kind) throw new Error(`seed: no file kind for ${name}`)
  return kind
}
