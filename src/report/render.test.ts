// Every format on every scenario, on a run that found nothing, and on documents of other shapes (runs
// stored by older or newer qir versions): reports render and say what they do not know.
import { describe, expect, it } from 'vitest';
import type { InvestigationDocument } from '../app/investigate/investigate.js';
import { SCENARIOS } from '../simulate/scenarios/index.js';
import { REPORT_FORMATS, render } from './index.js';
import { scenarioDocument } from './test-support/documents.js';
import { validateDetectionFinding } from './test-support/ocsf-detection-finding.js';

describe.each(Object.keys(SCENARIOS))('scenario %s', (name) => {
  it('renders every format; the OCSF findings are valid', async () => {
    const doc = await scenarioDocument(name);
    for (const format of REPORT_FORMATS) expect(render(doc, format).length, format).toBeGreaterThan(0);
    const ocsf = JSON.parse(render(doc, 'ocsf')) as unknown[];
    expect(ocsf).toHaveLength(doc.findings.length);
    for (const f of ocsf) expect(validateDetectionFinding(f)).toEqual([]);
    const md = render(doc, 'md');
    for (const f of doc.findings) expect(md).toContain(f.ruleId);
  });
});

describe('documents of other shapes', () => {
  it('renders a run that found nothing', async () => {
    const base = await scenarioDocument();
    const empty: InvestigationDocument = {
      ...base,
      principals: [],
      findings: [],
      unrecognized: [],
      timeline: [],
      activity: { bucketSeconds: 3600, buckets: [] },
      outcomes: { vulnerabilitiesExploited: [], toolsObserved: [], intent: [], attribution: { principals: [], people: [], accessKeyIds: [], sourceIps: [] }, damage: [] },
    };
    const md = render(empty, 'md');
    expect(md).toContain('No findings.');
    expect(md).toContain('No suspicious principal, so no timeline.');
    const html = render(empty, 'html');
    expect(html).toContain('No events in the window.');
    expect(JSON.parse(render(empty, 'ocsf'))).toEqual([]);
    expect(render(empty, 'csv')).toBe('eventTime,eventId,principalArn,person,eventSource,eventName,awsRegion,sourceIp,userAgent,errorCode,errorMessage,readOnly\r\n');
  });

  it('shows answer fields it does not know and survives missing parts', async () => {
    const base = await scenarioDocument();
    const odd = {
      ...base,
      coverage: undefined,
      questions: {
        resourcesCreatedDeleted: [{ action: 'created', resourceType: 'AWS::QBusiness::Plugin', resourceId: 'p-1', eventId: 'e-1', blastRadius: 'three applications' }],
        somethingNew: [{ what: 'a later qir answers more', eventIds: ['e-2'] }],
      },
      outcomes: {},
    } as unknown as InvestigationDocument;
    for (const format of REPORT_FORMATS) expect(() => render(odd, format), format).not.toThrow();
    const md = render(odd, 'md');
    expect(md).toContain('blastRadius: three applications');
    expect(md).toContain('a later qir answers more');
    expect(md).toContain('The run does not say what the evidence covers.');
    expect(md).toContain('### Question 2. What PlugIns were utilized?\n\n**Answer:** No: nothing in the evidence.');
  });

  it('says an empty answer is incomplete when the evidence has a gap for it', async () => {
    const base = await scenarioDocument();
    const gapped = { ...base, questions: { ...base.questions, filesUploaded: [] }, coverage: { ...base.coverage, gaps: [{ question: 5, reason: 'BatchPutDocument is a data event the trail did not select.', service: 'qbusiness' }] } } as InvestigationDocument;
    const md = render(gapped, 'md');
    expect(md).toContain('**Answer:** Nothing in the evidence, but the answer is incomplete (see below): this is not a "no".');
    expect(md).toContain('> Incomplete: BatchPutDocument is a data event the trail did not select.');
  });
});
