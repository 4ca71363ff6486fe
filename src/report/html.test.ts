// The HTML report, read as text: self-contained, a strict CSP, every section and finding, charts drawn on
// the server, and hostile record values shown as text. (html.browser.test.ts opens it in Chromium.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationDocument } from '../app/investigate/investigate.js';
import { anchorId, escapeHtml } from './escape.js';
import { render } from './index.js';
import { SECTIONS } from './sections.js';
import { HOSTILE, hostileContext, hostileDocument, scenarioDocument } from './test-support/documents.js';

let doc: InvestigationDocument;
let html: string;
let hostileHtml: string;
beforeAll(async () => {
  const [d, hostile] = await Promise.all([scenarioDocument(), hostileDocument()]);
  doc = d;
  html = render(doc, 'html', {});
  hostileHtml = render(hostile, 'html', hostileContext);
});

const attributes = (page: string, name: string) => [...page.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

describe('HTML report', () => {
  it('is one self-contained file with a strict Content-Security-Policy', () => {
    for (const page of [html, hostileHtml]) {
      expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
      const head = page.slice(0, page.indexOf('</head>'));
      expect(head).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`);
      expect(head.indexOf('Content-Security-Policy')).toBeLessThan(head.indexOf('<title>'));
      expect(page).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|@import|url\(/i);
      expect(attributes(page, 'src')).toEqual([]);
    }
  });

  it('links only to its own anchors and to the playbook’s AWS pages', () => {
    for (const page of [html, hostileHtml]) {
      const ids = new Set(attributes(page, 'id'));
      for (const href of attributes(page, 'href')) {
        if (href.startsWith('#')) {
          expect(href).toMatch(/^#[A-Za-z0-9_-]+$/);
          expect(ids.has(href.slice(1)), href).toBe(true);
        } else expect(href).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|console\.aws\.amazon\.com|aws\.amazon\.com)\//);
      }
    }
  });

  it('has every section, finding and answer, with evidence linked to the timeline rows', () => {
    for (const s of SECTIONS) expect(html).toContain(`<section id="${s.id}"><h2>`);
    for (const f of doc.findings) {
      expect(html).toContain(`<h4>${escapeHtml(f.title)}</h4>`);
      for (const id of f.eventIds.slice(0, 12)) {
        const inTimeline = doc.timeline.some((e) => e.eventId === id);
        expect(html).toContain(inTimeline ? `<a class="ev" href="#${anchorId('ev', id)}">${escapeHtml(id)}</a>` : `<span class="ev">${escapeHtml(id)}</span>`);
      }
    }
    for (const e of doc.timeline) expect(html).toContain(`<tr id="${anchorId('ev', e.eventId)}"`);
    for (let n = 1; n <= 6; n++) expect(html).toContain(`<div class="question" id="question-${n}">`);
  });

  it('draws the four charts as inline SVG with data marks', () => {
    const charts = [...html.matchAll(/<svg class="chart"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(charts.map((c) => /<title>([^<]*)<\/title>/.exec(c)![1])).toEqual([
      'Activity over time',
      'Findings by severity',
      'Activity per principal',
      "Timeline of the suspicious principals&#39; events",
    ]);
    for (const c of charts) expect(c).toMatch(/class="(bar|mark)"/);
    expect(charts[0]).toContain('first attacker event');
    expect(charts[0]).toContain('last attacker event');
    expect(charts[0]).toContain('class="window"');
  });

  it('marks the investigation window when the run has one', () => {
    const windowed = { ...doc, window: { start: '2025-06-03T10:00:00Z', end: '2025-06-03T14:00:00Z' } };
    const page = render(windowed, 'html');
    expect(page).toContain('window start');
    expect(page).toContain('window end');
  });

  it('shows hostile values as text', () => {
    expect(hostileHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostileHtml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostileHtml).toContain('␛[31m');
    expect(hostileHtml).toContain('=cmd|&#39; /C calc&#39;!A0');
    expect(hostileHtml).toContain('&quot;quoted, with comma&quot;');
    expect(hostileHtml).not.toContain('\u001b');
    // No element or event-handler attribute came from a record: every tag is one qir writes.
    const tags = new Set([...hostileHtml.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
    const allowed = 'html head meta title style body header h1 h2 h3 h4 p b dl div dt dd nav ol li a main section table thead tbody tr th td span ul article figure figcaption svg rect line text path desc code footer'.split(' ');
    expect([...tags].filter((t) => !allowed.includes(t))).toEqual([]);
    expect(hostileHtml).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(attributes(hostileHtml, 'href').filter((h) => /javascript:/i.test(h))).toEqual([]);
    expect(hostileHtml).toContain(`/cases/${escapeHtml(HOSTILE.img)}`);
  });
});
