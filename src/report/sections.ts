// The report's sections, in the playbook's order: the Markdown and HTML reports both follow this list.

export const SECTIONS = [
  { id: 'summary', title: 'Summary' },
  { id: 'classification', title: 'Incident classification and handling' },
  { id: 'response-steps', title: 'Response steps' },
  { id: 'escalation', title: 'Escalation procedures' },
  { id: 'determinations', title: 'Determinations' },
  { id: 'findings', title: 'Findings by severity' },
  { id: 'principals', title: 'Principals' },
  { id: 'questions', title: 'Analysis: the six questions' },
  { id: 'unrecognized', title: 'Unrecognized API events' },
  { id: 'coverage', title: 'What the evidence covers' },
  { id: 'containment', title: 'Containment and recovery' },
  { id: 'protection', title: 'Data protection and IAM notes' },
  { id: 'lessons', title: 'Lessons learned' },
  { id: 'timeline', title: "Timeline of the suspicious principals' events" },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

export const sectionTitle = (id: SectionId): string => SECTIONS.find((s) => s.id === id)!.title;

export const DETERMINATIONS = [
  { key: 'vulnerabilitiesExploited', title: 'Vulnerabilities exploited' },
  { key: 'toolsObserved', title: 'Exploits and tools observed' },
  { key: 'intent', title: "Actor's intent" },
  { key: 'attribution', title: "Actor's attribution" },
  { key: 'damage', title: 'Damage inflicted to the environment' },
] as const;

/** Rows of the timeline shown in the Markdown report (the CSV and HTML hold all of them). */
export const MARKDOWN_TIMELINE_ROWS = 500;
/** Event ids listed inline per finding or answer row before "… n more". */
export const INLINE_EVENT_IDS = 12;
