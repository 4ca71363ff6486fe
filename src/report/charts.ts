// Charts for the HTML report as inline SVG drawn here, on the server: no script, no external resource.
// Data marks carry the classes `bar`, `mark` or `series` so tests can count what was drawn.
import type { TimelineEvent } from '../app/investigate/investigate.js';
import { SEVERITIES } from '../core/severity.js';
import { anchorId } from './escape.js';
import type { SafeHtml } from './html-template.js';
import { h } from './html-template.js';
import type { ReportView } from './view.js';

const W = 960;
const COLORS = {
  q: '#2563eb',
  other: '#94a3b8',
  error: '#dc2626',
  write: '#ea580c',
  read: '#2563eb',
  suspicious: '#dc2626',
  normal: '#94a3b8',
  window: '#fef3c7',
  attacker: '#991b1b',
  axis: '#64748b',
  grid: '#e2e8f0',
};
export const SEVERITY_COLORS: Record<string, string> = { critical: '#7f1d1d', high: '#dc2626', medium: '#d97706', low: '#2563eb', info: '#6b7280' };

const ms = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
};
const fmtTime = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
const r1 = (x: number) => Math.round(x * 10) / 10;

function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** Keeps the end of a long label (ARNs differ at the end). */
export const tail = (s: string, max: number) => (s.length > max ? `…${s.slice(s.length - max + 1)}` : s);

function frame(title: string, height: number, body: SafeHtml, desc: string): SafeHtml {
  return h`<svg class="chart" role="img" viewBox="0 0 ${W} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>${title}</title><desc>${desc}</desc><rect class="frame" x="0" y="0" width="${W}" height="${height}" fill="#ffffff"/>${body}</svg>`;
}

const empty = (title: string, text: string) => frame(title, 80, h`<text x="${W / 2}" y="45" text-anchor="middle" fill="${COLORS.axis}">${text}</text>`, text);

/** Events per time bucket (Amazon Q and other), errors as a line, the window and the attacker's first and last event marked. */
export function activityChart(v: ReportView): SafeHtml {
  const title = 'Activity over time';
  const activity = v.doc.activity;
  const size = (activity?.bucketSeconds ?? 3600) * 1000;
  const buckets = (activity?.buckets ?? []).map((b) => ({ ...b, t: ms(b.start) })).filter((b): b is typeof b & { t: number } => b.t !== null);
  if (!buckets.length) return empty(title, 'No events in the window.');
  const ws = ms(v.doc.window?.start);
  const we = ms(v.doc.window?.end);
  const af = ms(v.attackerFirst);
  const al = ms(v.attackerLast);
  const t0 = Math.min(...buckets.map((b) => b.t), ...[ws, af].filter((x): x is number => x !== null));
  const t1 = Math.max(...buckets.map((b) => b.t + size), ...[we, al].filter((x): x is number => x !== null));
  const H = 320;
  const [x0, x1, yTop, yBottom] = [60, W - 20, 60, 260];
  const sx = (t: number) => x0 + ((t - t0) / Math.max(1, t1 - t0)) * (x1 - x0);
  const yMax = niceMax(Math.max(...buckets.map((b) => b.events)));
  const sy = (n: number) => yBottom - (n / yMax) * (yBottom - yTop);

  const parts: SafeHtml[] = [];
  // The investigation window: its bounds, or all of the evidence when the run set none.
  const a = sx(ws ?? t0);
  const b = sx(we ?? t1);
  const whole = ws === null && we === null;
  parts.push(h`<rect class="window" x="${r1(a)}" y="${yTop}" width="${r1(Math.max(1, b - a))}" height="${yBottom - yTop}" fill="${COLORS.window}" fill-opacity="0.6"><title>${whole ? 'Investigation window: all of the evidence' : 'Investigation window'}</title></rect>`);
  if (whole) parts.push(h`<text x="${r1(a) + 4}" y="${yTop + 12}" font-size="11" fill="#b45309">investigation window: all of the evidence</text>`);
  if (ws !== null) parts.push(h`<line x1="${r1(a)}" x2="${r1(a)}" y1="${yTop}" y2="${yBottom}" stroke="#b45309" stroke-dasharray="4 3"/><text x="${r1(a) + 3}" y="${yTop + 12}" font-size="11" fill="#b45309">window start</text>`);
  if (we !== null) parts.push(h`<line x1="${r1(b)}" x2="${r1(b)}" y1="${yTop}" y2="${yBottom}" stroke="#b45309" stroke-dasharray="4 3"/><text x="${r1(b) - 3}" y="${yTop + 12}" font-size="11" text-anchor="end" fill="#b45309">window end</text>`);
  for (const tick of [0, yMax / 2, yMax]) {
    parts.push(h`<line x1="${x0}" x2="${x1}" y1="${r1(sy(tick))}" y2="${r1(sy(tick))}" stroke="${COLORS.grid}"/><text x="${x0 - 6}" y="${r1(sy(tick)) + 4}" font-size="11" text-anchor="end" fill="${COLORS.axis}">${tick.toLocaleString('en-US')}</text>`);
  }
  for (const b of buckets) {
    const bx = sx(b.t);
    const bw = Math.max(1, sx(b.t + size) - bx - 1);
    const q = Math.min(b.amazonQ, b.events);
    const label = `${fmtTime(b.t)}: ${b.events} event(s), ${b.amazonQ} Amazon Q, ${b.errors} error(s)`;
    if (b.events > q) parts.push(h`<rect class="bar" x="${r1(bx)}" y="${r1(sy(b.events))}" width="${r1(bw)}" height="${r1(sy(q) - sy(b.events))}" fill="${COLORS.other}"><title>${label}</title></rect>`);
    if (q > 0) parts.push(h`<rect class="bar" x="${r1(bx)}" y="${r1(sy(q))}" width="${r1(bw)}" height="${r1(yBottom - sy(q))}" fill="${COLORS.q}"><title>${label}</title></rect>`);
  }
  // Errors: a red diamond per bucket at its error count.
  for (const bk of buckets.filter((x) => x.errors > 0)) {
    const cx = r1(sx(bk.t + size / 2));
    const cy = r1(sy(bk.errors));
    parts.push(h`<path class="series" d="M${cx} ${cy - 4} L${cx + 4} ${cy} L${cx} ${cy + 4} L${cx - 4} ${cy} Z" fill="${COLORS.error}"><title>${fmtTime(bk.t)}: ${bk.errors} error(s)</title></path>`);
  }
  // First and last attacker event: a line and a triangle each, labels on two rows so they never overlap,
  // written towards the inside of the chart.
  for (const [t, label, row] of [
    [af, 'first attacker event', 0],
    [al, 'last attacker event', 1],
  ] as const) {
    if (t === null) continue;
    const x = r1(sx(t));
    const inside = x > (x0 + x1) / 2 ? 'end' : 'start';
    const tx = inside === 'end' ? x - 6 : x + 6;
    parts.push(
      h`<line class="marker" x1="${x}" x2="${x}" y1="${yTop - 8}" y2="${yBottom}" stroke="${COLORS.attacker}" stroke-width="2"/><path class="series" d="M${x - 5} ${yTop - 10} L${x + 5} ${yTop - 10} L${x} ${yTop - 2} Z" fill="${COLORS.attacker}"><title>${label}: ${fmtTime(t)}</title></path><text x="${tx}" y="${yTop - 30 + row * 14}" font-size="11" text-anchor="${inside}" fill="${COLORS.attacker}">${label} ${fmtTime(t)}</text>`,
    );
  }
  parts.push(h`<line x1="${x0}" x2="${x1}" y1="${yBottom}" y2="${yBottom}" stroke="${COLORS.axis}"/>`);
  for (let i = 0; i <= 4; i++) {
    const t = t0 + ((t1 - t0) * i) / 4;
    parts.push(h`<text x="${r1(sx(t))}" y="${yBottom + 16}" font-size="11" text-anchor="${i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}" fill="${COLORS.axis}">${fmtTime(t)}</text>`);
  }
  parts.push(legend(yBottom + 40, [
    [COLORS.q, 'Amazon Q events'],
    [COLORS.other, 'other events'],
    [COLORS.error, 'errors (count)'],
    [COLORS.window, 'investigation window'],
    [COLORS.attacker, 'first / last attacker event'],
  ]));
  return frame(title, H + 20, h`${parts}`, `Events per ${Math.round(size / 60000)} minute(s), ${fmtTime(t0)} to ${fmtTime(t1)} UTC`);
}

function legend(y: number, items: Array<[string, string]>): SafeHtml {
  let x = 60;
  const parts: SafeHtml[] = [];
  for (const [color, label] of items) {
    parts.push(h`<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${color}" stroke="#cbd5e1"/><text x="${x + 16}" y="${y}" font-size="12" fill="#334155">${label}</text>`);
    x += 24 + label.length * 7;
  }
  return h`${parts}`;
}

/** Events per principal (Amazon Q events inside), suspicious principals in red. */
export function principalChart(v: ReportView, limit = 15): SafeHtml {
  const title = 'Activity per principal';
  const rows = [...v.doc.principals].sort((a, b) => b.eventCount - a.eventCount || b.qEventCount - a.qEventCount).slice(0, limit);
  if (!rows.length) return empty(title, 'No principal touched Amazon Q or has a finding.');
  const rowH = 24;
  const [labelW, x0, x1, top] = [330, 340, W - 70, 30];
  const max = niceMax(Math.max(...rows.map((r) => r.eventCount), 1));
  const sx = (n: number) => (n / max) * (x1 - x0);
  const parts: SafeHtml[] = [];
  rows.forEach((p, i) => {
    const y = top + i * rowH;
    const label = `${p.arn}: ${p.eventCount} event(s), ${p.qEventCount} Amazon Q${p.suspicious ? ', suspicious' : ''}`;
    parts.push(h`<text x="${labelW}" y="${y + 15}" font-size="12" text-anchor="end" fill="${p.suspicious ? COLORS.suspicious : '#334155'}">${tail(p.arn, 44)}<title>${p.arn}</title></text>`);
    parts.push(h`<rect class="bar" x="${x0}" y="${y + 3}" width="${r1(Math.max(1, sx(p.eventCount)))}" height="${rowH - 6}" fill="${p.suspicious ? COLORS.suspicious : COLORS.normal}" fill-opacity="0.55"><title>${label}</title></rect>`);
    if (p.qEventCount > 0) parts.push(h`<rect class="bar" x="${x0}" y="${y + 8}" width="${r1(Math.max(1, sx(p.qEventCount)))}" height="${rowH - 16}" fill="${COLORS.q}"><title>${label}</title></rect>`);
    parts.push(h`<text x="${r1(x0 + sx(p.eventCount) + 6)}" y="${y + 16}" font-size="11" fill="${COLORS.axis}">${p.eventCount.toLocaleString('en-US')}</text>`);
  });
  const height = top + rows.length * rowH + 40;
  parts.push(legend(height - 12, [
    [COLORS.suspicious, 'suspicious principal: all events'],
    [COLORS.normal, 'other principal: all events'],
    [COLORS.q, 'Amazon Q events'],
  ]));
  return frame(title, height, h`${parts}`, `The ${rows.length} most active principals that touched Amazon Q or have a finding`);
}

/** Findings per severity. */
export function severityChart(v: ReportView): SafeHtml {
  const title = 'Findings by severity';
  const counts = [...SEVERITIES].reverse().map((s) => ({ s, n: v.doc.findings.filter((f) => f.severity === s).length }));
  const H = 220;
  const [x0, top, bottom] = [60, 30, 180];
  const max = niceMax(Math.max(...counts.map((c) => c.n), 1));
  const barW = 120;
  const gap = 50;
  const parts: SafeHtml[] = [h`<line x1="${x0}" x2="${x0 + counts.length * (barW + gap)}" y1="${bottom}" y2="${bottom}" stroke="${COLORS.axis}"/>`];
  counts.forEach(({ s, n }, i) => {
    const x = x0 + i * (barW + gap);
    const hgt = (n / max) * (bottom - top);
    if (n > 0) parts.push(h`<rect class="bar" x="${x}" y="${r1(bottom - Math.max(hgt, 2))}" width="${barW}" height="${r1(Math.max(hgt, 2))}" fill="${SEVERITY_COLORS[s]}"><title>${s}: ${n} finding(s)</title></rect>`);
    parts.push(h`<text x="${x + barW / 2}" y="${r1(bottom - hgt - 6)}" font-size="13" text-anchor="middle" fill="#0f172a">${n}</text>`);
    parts.push(h`<text x="${x + barW / 2}" y="${bottom + 18}" font-size="12" text-anchor="middle" fill="#334155">${s}</text>`);
  });
  return frame(title, H, h`${parts}`, counts.map((c) => `${c.s}: ${c.n}`).join(', '));
}

/** One lane per suspicious principal; one mark per event, linked to its timeline row. */
export function timelineChart(v: ReportView, maxLanes = 12, maxMarks = 3000): SafeHtml {
  const title = "Timeline of the suspicious principals' events";
  const events = v.doc.timeline.map((e) => ({ e, t: ms(e.eventTime) })).filter((x): x is { e: TimelineEvent; t: number } => x.t !== null);
  if (!events.length) return empty(title, 'No suspicious principal, so no timeline.');
  const lanes: string[] = [];
  for (const { e } of events) if (!lanes.includes(e.principalArn) && lanes.length < maxLanes) lanes.push(e.principalArn);
  const laneOf = (arn: string) => (lanes.includes(arn) ? lanes.indexOf(arn) : lanes.length);
  const laneCount = lanes.length + (events.some(({ e }) => !lanes.includes(e.principalArn)) ? 1 : 0);
  let t0 = Math.min(...events.map((x) => x.t));
  let t1 = Math.max(...events.map((x) => x.t));
  if (t1 - t0 < 60_000) {
    t0 -= 30_000;
    t1 += 30_000;
  }
  const laneH = 30;
  const [x0, x1, top] = [300, W - 20, 20];
  const sx = (t: number) => x0 + ((t - t0) / (t1 - t0)) * (x1 - x0);
  const parts: SafeHtml[] = [];
  for (let i = 0; i < laneCount; i++) {
    const y = top + i * laneH;
    const name = lanes[i] ?? 'other principals';
    parts.push(h`<line x1="${x0}" x2="${x1}" y1="${y + laneH / 2}" y2="${y + laneH / 2}" stroke="${COLORS.grid}"/><text x="${x0 - 8}" y="${y + laneH / 2 + 4}" font-size="12" text-anchor="end" fill="#334155">${tail(name, 42)}<title>${name}</title></text>`);
  }
  const seen = new Set<string>();
  for (const { e, t } of events.slice(0, maxMarks)) {
    const y = top + laneOf(e.principalArn) * laneH + 7;
    const color = e.errorCode ? COLORS.error : e.readOnly === 'false' ? COLORS.write : COLORS.read;
    const label = `${fmtTime(t)} ${e.eventSource} ${e.eventName}${e.errorCode ? ` (${e.errorCode})` : ''}`;
    const mark = h`<rect class="mark" x="${r1(sx(t) - 1.5)}" y="${y}" width="3" height="${laneH - 14}" fill="${color}"><title>${label}</title></rect>`;
    // Link each mark to its row in the timeline table (the first row of an id holds the anchor).
    parts.push(v.timelineIds.has(e.eventId) && !seen.has(e.eventId) ? h`<a href="#${anchorId('ev', e.eventId)}">${mark}</a>` : mark);
    seen.add(e.eventId);
  }
  const bottom = top + laneCount * laneH;
  parts.push(h`<line x1="${x0}" x2="${x1}" y1="${bottom}" y2="${bottom}" stroke="${COLORS.axis}"/>`);
  for (let i = 0; i <= 3; i++) {
    const t = t0 + ((t1 - t0) * i) / 3;
    parts.push(h`<text x="${r1(sx(t))}" y="${bottom + 16}" font-size="11" text-anchor="${i === 0 ? 'start' : i === 3 ? 'end' : 'middle'}" fill="${COLORS.axis}">${fmtTime(t)}</text>`);
  }
  parts.push(legend(bottom + 40, [
    [COLORS.read, 'read'],
    [COLORS.write, 'write'],
    [COLORS.error, 'error'],
  ]));
  const shown = Math.min(events.length, maxMarks);
  return frame(title, bottom + 50, h`${parts}`, `${shown} event(s) of ${laneCount} principal lane(s), ${fmtTime(t0)} to ${fmtTime(t1)} UTC`);
}
