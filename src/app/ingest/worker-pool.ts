// A small pool of worker threads that each process one file at a time.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileResult, FileTask } from './process-file.js';

export interface Pool {
  run(task: FileTask): Promise<FileResult>;
  close(): Promise<void>;
  size: number;
}

export function createPool(knownShas: string[], size = Math.max(1, Math.min(2, availableParallelism()))): Pool {
  const spawn = () =>
    import.meta.url.endsWith('.ts')
      ? // Under the TypeScript test runner the worker is a .ts file: load it through tsx.
        new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); })`,
          { eval: true, workerData: { knownShas } },
        )
      : new Worker(new URL('./worker.js', import.meta.url), { workerData: { knownShas } });
  const workers = new Set(Array.from({ length: size }, spawn));
  const idle = [...workers];
  const queue: Array<{ task: FileTask; resolve: (r: FileResult) => void }> = [];

  const pump = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop() as Worker;
      const job = queue.shift()!;
      const onMessage = (r: FileResult) => {
        worker.off('error', onError);
        idle.push(worker);
        job.resolve(r);
        pump();
      };
      // A worker that dies (out of memory on a huge file) fails its file only: replace it.
      const onError = (e: Error) => {
        worker.off('message', onMessage);
        workers.delete(worker);
        const fresh = spawn();
        workers.add(fresh);
        idle.push(fresh);
        job.resolve({ index: job.task.index, status: 'unreadable', reason: `could not process the file: ${e.message}` });
        pump();
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(job.task);
    }
  };

  return {
    size,
    run: (task) =>
      new Promise<FileResult>((resolve) => {
        queue.push({ task, resolve });
        pump();
      }),
    close: async () => {
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}
