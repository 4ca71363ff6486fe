// A large, deterministic corpus of gzipped CloudTrail delivery files built from the real invictus
// records with fresh eventIDs, with known duplicates (keys reordered) and conflicts, for kill -9 tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Rec } from './fixtures.js';
import { fakeEventId, invictusRecords, permuteKeysDeep, prng } from './fixtures.js';

export interface CrashCorpus {
  dir: string;
  /** In the order an ingest of `dir` reads them. */
  files: string[];
  /** Records written, duplicates included. */
  records: number;
  /** Distinct events the case should end up holding. */
  distinct: number;
  duplicates: number;
  /** Distinct eventIDs seen with two different contents. */
  conflicts: number;
  /** distinctBefore[k]: distinct events in the first k files. */
  distinctBefore: number[];
}

export function writeCrashCorpus(dir: string, opts: { files?: number; perFile?: number; seed?: number } = {}): CrashCorpus {
  const fileCount = opts.files ?? 200;
  const perFile = opts.perFile ?? 500;
  const rand = prng(opts.seed ?? 7);
  // The smaller real records (under 1 KB, about 330 of them) keep the corpus quick to ingest.
  const base = invictusRecords().filter((r) => JSON.stringify(r).length < 1000);
  const sub = join(dir, 'AWSLogs', '123837392027', 'CloudTrail', 'us-east-1', '2023', '07', '10');
  mkdirSync(sub, { recursive: true });
  const files: string[] = [];
  /** Records of earlier files: what duplicates and conflicts are made from. */
  const written: Rec[] = [];
  const conflictIds = new Set<string>();
  const distinctBefore = [0];
  let n = 0;
  let duplicates = 0;
  for (let f = 0; f < fileCount; f++) {
    const records: Rec[] = [];
    for (let i = 0; i < perFile; i++) records.push({ ...base[(f * perFile + i) % base.length]!, eventID: fakeEventId('crash', n++) });
    let dupsHere = 0;
    // Every 10th file repeats 20 records of earlier files with their keys shuffled: duplicates across batches.
    if (f > 0 && f % 10 === 0) {
      for (let k = 0; k < 20; k++) {
        records[k] = permuteKeysDeep(written[Math.floor(rand() * written.length)], rand) as Rec;
        dupsHere++;
      }
    }
    // Every 25th file carries 3 records whose eventID an earlier, different record has: conflicts.
    if (f > 0 && f % 25 === 0) {
      for (let k = 20; k < 23; k++) {
        const earlier = written[Math.floor(rand() * written.length)]!;
        records[k] = { ...earlier, sourceIPAddress: `198.51.100.${f}`, userAgent: `conflicting-copy-${f}-${k}` };
        conflictIds.add(earlier.eventID as string);
      }
    }
    written.push(...records);
    duplicates += dupsHere;
    distinctBefore.push(distinctBefore[f]! + perFile - dupsHere);
    const stamp = `${String(Math.floor(f / 60)).padStart(2, '0')}${String(f % 60).padStart(2, '0')}`;
    const path = join(sub, `123837392027_CloudTrail_us-east-1_20230710T${stamp}Z_F${String(f).padStart(4, '0')}xxxxxxxxxxx.json.gz`);
    writeFileSync(path, gzipSync(JSON.stringify({ Records: records }), { level: 1 }));
    files.push(path);
  }
  const records = fileCount * perFile;
  return { dir, files, records, distinct: records - duplicates, duplicates, conflicts: conflictIds.size, distinctBefore };
}
