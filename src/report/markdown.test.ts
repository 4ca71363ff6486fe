// The Markdown report: the playbook's sections, every finding and answer from the document, and hostile
// record values shown as text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationDocument } from '../app/investigate/investigate.js';
import { escapeMarkdown } from './escape.js';
import { render } from './index.js';
import { HOSTILE, hostileContext, hostileDocument, scenarioDocument } from './test-support/documents.js';

const PLAYBOOK = readFileSync(join(import.meta.dirname, '../../../shared/playbook/Amazon_Q.md'), 'utf8');

/** The bullets or numbered items under a playbook heading. */
function playbookItems(heading: string): string[] {
  const start = PLAYBOOK.indexOf(heading);
  const rest = PLAYBOOK.slice(start + heading.length);
  const body = rest.slice(0, rest.search(/\n#{1,3} /));
  return [...body.matchAll(/^(?:- |\d+\. )`?(.+?)`?\s*$/gm)].map((m) => m[1]!.trim());
}

let doc: InvestigationDocument;
let md: string;
let hostile: InvestigationDocument;
let hostileMd: string;
beforeAll(async () => {
  [doc, hostile] = await Promise.all([scenarioDocument(), hostileDocument()]);
  md = render(doc, 'md', { notes: [{ createdAt: '2025-06-04T09:00:00.000Z', author: 'ana', text: 'Ask the app owners to review plugin approvals.' }] });
  hostileMd = render(hostile, 'md', hostileContext);
});

describe('Markdown report on a real investigation', () => {
  it('has every section of the playbook, in order', () => {
    const headings = [...md.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]!);
    const expected = [
      'Summary',
      'Incident classification and handling',
      'Response steps',
      'Escalation procedures',
      'Determinations',
      'Vulnerabilities exploited',
      'Exploits and tools observed',
      "Actor's intent",
      "Actor's attribution",
      'Damage inflicted to the environment',
      'Findings by severity',
      'Analysis: the six questions',
      'What the evidence covers',
      'Containment and recovery',
      'Data protection and IAM notes',
      'Lessons learned',
      "Timeline of the suspicious principals' events",
    ];
    let at = -1;
    for (const title of expected) {
      const i = headings.findIndex((h, j) => j > at && h.includes(title));
      expect(i, title).toBeGreaterThan(at);
      at = i;
    }
  });

  it('lists the playbook’s escalation questions as a checklist and its six analysis questions', () => {
    const escalation = playbookItems('## Escalation Procedures');
    expect(escalation).toHaveLength(5);
    for (const q of escalation) expect(md).toContain(`- [ ] ${escapeMarkdown(q)}`);
    const analysis = playbookItems('### Analysis').filter((x) => x.endsWith('?'));
    expect(analysis).toHaveLength(6);
    analysis.forEach((q, i) => expect(md).toContain(`### Question ${i + 1}. ${escapeMarkdown(q)}`));
  });

  it('has every finding with its severity, rule, principal, ATT&CK ids and events', () => {
    expect(doc.findings.length).toBeGreaterThan(0);
    for (const f of doc.findings) {
      const heading = `#### ${escapeMarkdown(f.title)} — ${escapeMarkdown(f.principalArn)}`;
      expect(md, f.ruleId).toContain(heading);
      const block = md.slice(md.indexOf(heading), md.indexOf('\n#', md.indexOf(heading) + 1));
      expect(block).toContain(`Rule: ${escapeMarkdown(f.ruleId)}; severity **${f.severity}**`);
      for (const t of f.attack) expect(block).toContain(t);
      for (const id of f.eventIds.slice(0, 12)) expect(block).toContain(escapeMarkdown(id));
    }
    for (const s of ['critical', 'high', 'medium', 'low', 'info']) {
      const n = doc.findings.filter((f) => f.severity === s).length;
      if (n) expect(md).toContain(`### ${s.charAt(0).toUpperCase()}${s.slice(1)} (${n})`);
    }
  });

  it('answers each question from the document, with its evidence and its gaps', () => {
    for (const r of doc.questions.resourcesCreatedDeleted) {
      if (r.resourceId) expect(md).toContain(escapeMarkdown(r.resourceId));
      expect(md).toContain(escapeMarkdown(r.eventId));
    }
    for (const p of doc.questions.pluginsUsed) if (p.pluginId) expect(md).toContain(escapeMarkdown(p.pluginId));
    for (const a of doc.questions.applicationsAccessible) expect(md).toContain(escapeMarkdown(a.applicationId));
    for (const g of doc.coverage.gaps) expect(md).toContain(escapeMarkdown(g.reason));
    expect(md).toMatch(/\*\*Answer:\*\* \d+ created, \d+ changed, \d+ deleted\./);
  });

  it('fills the determinations, containment, protection notes and lessons from the evidence', () => {
    for (const v of doc.outcomes.vulnerabilitiesExploited) expect(md).toContain(escapeMarkdown(v.what));
    const step6 = md.split('\n').find((l) => l.startsWith('| 6 |'))!;
    for (const k of doc.outcomes.attribution.accessKeyIds) expect(step6).toContain(escapeMarkdown(k));
    for (const id of new Set(doc.findings.flatMap((f) => f.containment))) expect(md).toContain(`; ${escapeMarkdown(id)})`);
    expect(md).toContain('**Applies here:**');
    expect(md).toContain('ana: Ask the app owners to review plugin approvals.');
    expect(md).toContain('| 4 | Detection &amp; Analysis |');
  });

  it('lists the suspicious principals’ timeline', () => {
    for (const e of doc.timeline) expect(md).toContain(`| ${escapeMarkdown(e.eventTime)} | ${escapeMarkdown(e.eventId)} |`);
  });
});

describe('Markdown report on hostile records', () => {
  it('carries every hostile string into the document', () => {
    const all = JSON.stringify(hostile);
    for (const s of Object.values(HOSTILE)) expect(all).toContain(JSON.stringify(s).slice(1, -1));
  });

  it('shows hostile values as text: no HTML, no links, no escape sequences', () => {
    expect(hostileMd).not.toMatch(/<script|<img|<\/?[a-z][^>]*>/i);
    expect(hostileMd).not.toContain('\u001b');
    expect(hostileMd).not.toMatch(/\]\(\s*javascript:/i);
    expect(hostileMd).not.toMatch(/<javascript:/i);
    expect(hostileMd).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostileMd).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostileMd).toContain('javascript:alert(1)');
    expect(hostileMd).toContain('␛\\[31m');
    expect(hostileMd).toContain("=cmd\\|' /C calc'!A0");
    expect(hostileMd).toContain('"quoted, with comma"');
  });

  it('keeps every table row to its header’s columns', () => {
    const cells = (line: string) => line.replace(/\\\\/g, '').match(/(?<!\\)\|/g)!.length;
    let header = 0;
    let previous = '';
    for (const line of hostileMd.split('\n')) {
      if (!line.startsWith('|')) {
        previous = line;
        continue;
      }
      if (!previous.startsWith('|')) header = cells(line);
      expect(cells(line), line).toBe(header);
      previous = line;
    }
  });
});
