// The JSON report: the investigation document exactly as stored (JSON escapes control characters).
import type { InvestigationDocument } from './model.js';

export const renderJson = (doc: InvestigationDocument): string => JSON.stringify(doc, null, 2) + '\n';
