// A one-line progress bar on stderr for long-running commands (only when stderr is a terminal).
import type { IngestProgress } from '../app/ingest/ingest.js';
import { formatCount, formatDuration } from './terminal.js';

export function ingestProgressBar(stream: NodeJS.WriteStream): { update: (p: IngestProgress) => void; done: () => void } {
  let lastDraw = 0;
  let drawn = false;
  const update = (p: IngestProgress) => {
    const now = Date.now();
    if (now - lastDraw < 100 && p.filesDone < p.filesTotal) return;
    lastDraw = now;
    const frac = p.bytesTotal ? p.bytesDone / p.bytesTotal : p.filesDone / Math.max(1, p.filesTotal);
    const width = 24;
    const fill = Math.round(frac * width);
    const mbps = p.elapsedMs ? p.bytesDone / 1024 / 1024 / (p.elapsedMs / 1000) : 0;
    const eta = frac > 0 ? (p.elapsedMs / frac) * (1 - frac) : NaN;
    const line =
      `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${formatCount(p.filesDone)}/${formatCount(p.filesTotal)} files ` +
      `${formatCount(p.eventsRead)} events ${mbps.toFixed(1)} MB/s ETA ${formatDuration(eta)}`;
    stream.write(`\r${line.slice(0, (stream.columns || 100) - 1)}\u001b[K`);
    drawn = true;
  };
  return { update, done: () => drawn && stream.write('\r\u001b[K') };
}
