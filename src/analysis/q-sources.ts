// SQL for "this event involves Amazon Q": a call to a Q service, or a call Q made on a person's behalf.
import { loadCatalog } from '../catalog/catalog.js';

const quoted = () => loadCatalog().qEventSources.map((s) => `'${s}'`).join(', ');

export const isAmazonQSql = (t: string): string =>
  `(${t}.eventsource IN (${quoted()}) OR ${t}.useridentity.invokedby IN (${quoted()}) OR ${t}.sourceipaddress IN (${quoted()}))`;

