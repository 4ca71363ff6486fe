// Worker thread entry: processes files sent by the ingest pool, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileTask } from './process-file.js';
import { processFile } from './process-file.js';

const known = new Set<string>((workerData as { knownShas: string[] }).knownShas);

parentPort?.on('message', (task: FileTask) => {
  try {
    parentPort?.postMessage(processFile(task, known));
  } catch (e) {
    parentPort?.postMessage({ index: task.index, status: 'unreadable', reason: `could not process the file: ${(e as Error).message}` });
  }
});
