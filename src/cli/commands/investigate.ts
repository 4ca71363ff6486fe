// `qir investigate`: runs the playbook's detection and analysis over a case and prints the answers.
import type { InvestigationDocument } from '../../app/investigate/investigate.js';
import { investigate } from '../../app/investigate/investigate.js';
import type { CliIo } from '../main.js';
import { formatCount, safeText } from '../terminal.js';

export interface InvestigateCommandOptions {
  caseDir: string;
  since?: string;
  until?: string;
  json: boolean;
  waitSeconds: number;
}

export async function runInvestigateCommand(io: CliIo, o: InvestigateCommandOptions): Promise<number> {
  const doc = await investigate({ caseDir: o.caseDir, since: o.since, until: o.until, waitSeconds: o.waitSeconds });
  io.stdout.write(o.json ? JSON.stringify(doc, null, 2) + '\n' : renderInvestigation(doc) + renderReportPaths(doc));
  return 0;
}

const LIST = 10;

export const renderReportPaths = (d: InvestigationDocument): string =>
  d.reports ? `\nReports:\n  ${safeText(d.reports.html)}\n  ${safeText(d.reports.markdown)}\n` : '';

export function renderInvestigation(d: InvestigationDocument): string {
  const t = safeText;
  const out: string[] = [];
  const section = (title: string) => out.push('', title, '-'.repeat(title.length));
  const more = (n: number) => n > LIST && out.push(`  … ${n - LIST} more (see --json or the report)`);
  out.push(`Investigation ${d.runId}`);
  out.push(`Window: ${d.window.start ?? 'beginning of the evidence'} .. ${d.window.end ?? 'end of the evidence'}`);
  out.push(`Events: ${formatCount(d.counts.events)} in the window (${formatCount(d.counts.amazonQEvents)} Amazon Q), ${formatCount(d.counts.baselineEvents)} before it (baseline)`);
  const gaps = new Map<string, number[]>();
  for (const g of d.coverage.gaps ?? []) gaps.set(g.reason, [...(gaps.get(g.reason) ?? []), g.question]);
  for (const [reason, qs] of gaps) out.push(`! Question${qs.length > 1 ? 's' : ''} ${qs.join(', ')} may be incomplete: ${t(reason)}`);
  const suspiciousArns = new Set(d.principals.filter((p) => p.suspicious).map((p) => p.arn));
  // The suspicious principals' items first, so a short list shows what matters.
  const first = <T>(items: T[], principal: (x: T) => string | null | undefined): T[] =>
    [...items].sort((a, b) => Number(suspiciousArns.has(principal(b) ?? '')) - Number(suspiciousArns.has(principal(a) ?? '')));

  section('Suspicious principals');
  const suspicious = d.principals.filter((p) => p.suspicious);
  if (!suspicious.length) out.push('  none');
  for (const p of suspicious.slice(0, LIST)) {
    out.push(`  ${t(p.arn)}${p.people.length ? ` (people: ${p.people.map(t).join(', ')})` : ''}`);
    for (const r of p.reasons) out.push(`    - ${t(r)}`);
  }
  more(suspicious.length);

  section('Findings');
  if (!d.findings.length) out.push('  none');
  for (const f of d.findings.slice(0, LIST * 2)) {
    out.push(`  [${f.severity.toUpperCase()}] ${t(f.title)} — ${t(f.principalArn)} (${f.eventIds.length} event(s), ${f.firstSeen} .. ${f.lastSeen}) ${f.attack.join(' ')}`);
    for (const detail of f.details.slice(0, 3)) out.push(`      ${t(detail)}`);
  }
  if (d.findings.length > LIST * 2) out.push(`  … ${d.findings.length - LIST * 2} more`);
  for (const e of d.ruleErrors) out.push(`  ! rule ${e.ruleId} failed: ${t(e.message)}`);

  section("The playbook's questions");
  const q = d.questions;
  out.push(`  1. Resources created, changed or deleted: ${q.resourcesCreatedDeleted.length}`);
  for (const r of first(q.resourcesCreatedDeleted, (x) => x.principalArn).slice(0, LIST)) out.push(`     ${r.action} ${t(r.resourceType)} ${t(r.resourceId ?? '')} by ${t(r.principalArn ?? '')} at ${r.eventTime}`);
  out.push(`  2. Plugins used: ${q.pluginsUsed.length}`);
  for (const p of q.pluginsUsed.slice(0, LIST)) out.push(`     ${p.how} ${t(p.pluginId ?? '')} ${t(p.name ?? '')} ${t(p.serverUrl ?? '')}`);
  out.push(`  3. Applications Q had access to: ${q.applicationsAccessible.length}`);
  for (const a of q.applicationsAccessible.slice(0, LIST)) out.push(`     ${t(a.applicationId)}: ${a.indexes.length} index(es), ${a.retrievers.length} retriever(s), ${a.dataSources.length} data source(s), ${a.plugins.length} plugin(s)`);
  out.push(`  4. Applications accessed: ${q.applicationsAccessed.length}`);
  for (const a of q.applicationsAccessed.slice(0, LIST)) out.push(`     ${t(a.applicationId)}: ${a.eventCount} event(s) by ${a.principals.length} principal(s), ${a.people.length} people`);
  out.push(`  5. Files uploaded to Q: ${q.filesUploaded.length}`);
  for (const f of first(q.filesUploaded, (x) => x.principalArn).slice(0, LIST)) out.push(`     ${t(f.documentId ?? '')} (${t(f.contentType ?? 'unknown type')}) via ${f.via} by ${t(f.principalArn ?? '')}`);
  out.push(`  6. IDE environments with Q access: ${q.ideAccess.length}`);
  for (const i of q.ideAccess.slice(0, LIST)) out.push(`     ${t(i.principalArn)} with ${t(i.client)}: ${i.eventCount} event(s)`);

  section('Determinations');
  const o = d.outcomes;
  out.push(`  Vulnerabilities exploited: ${o.vulnerabilitiesExploited.length ? '' : 'none determined'}`);
  for (const v of o.vulnerabilitiesExploited.slice(0, LIST)) out.push(`    - ${t(v.what)}`);
  out.push(`  Tools: ${o.toolsObserved.map((x) => t(x.family)).join(', ') || 'none determined'}`);
  out.push(`  Intent (ATT&CK tactics): ${o.intent.map((x) => x.tactic).join(', ') || 'none determined'}`);
  out.push(`  Attribution: ${o.attribution.principals.map(t).join(', ') || 'none'}; keys ${o.attribution.accessKeyIds.map(t).join(', ') || '-'}; addresses ${o.attribution.sourceIps.map(t).join(', ') || '-'}`);
  out.push(`  Damage: ${o.damage.length} change(s) or exposure(s)`);
  for (const x of o.damage.slice(0, LIST)) out.push(`    - [${x.severity}] ${t(x.what)}`);
  return out.join('\n') + '\n';
}
