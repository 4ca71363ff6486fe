// Expands the paths a responder gives into the regular files to read, in a stable order; notes
// what is not a regular file (FIFO, socket, broken link) and which paths do not exist.
import type { Dirent, Stats } from 'node:fs';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface InputList {
  files: Array<{ path: string; size: number }>;
  skipped: Array<{ file: string; reason: string }>;
  missing: string[];
}

export function listInputs(paths: string[]): InputList {
  const out: InputList = { files: [], skipped: [], missing: [] };
  const seenDirs = new Set<string>();
  const visit = (path: string) => {
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch {
      out.missing.push(path);
      return;
    }
    if (st.isSymbolicLink()) {
      try {
        st = statSync(path);
      } catch (e) {
        const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
        out.skipped.push({ file: path, reason: loop ? 'symbolic link loop (the link leads back to itself)' : 'broken symbolic link (its target does not exist)' });
        return;
      }
    }
    if (st.isDirectory()) {
      const real = realpathSync(path);
      if (seenDirs.has(real)) return; // a link back into a folder already read
      seenDirs.add(real);
      let entries: Dirent[];
      try {
        entries = readdirSync(path, { withFileTypes: true });
      } catch (e) {
        out.skipped.push({ file: path, reason: `cannot list the folder: ${(e as Error).message}` });
        return;
      }
      for (const name of entries.map((e) => e.name).sort()) visit(join(path, name));
      return;
    }
    if (st.isFile()) {
      out.files.push({ path, size: st.size });
      return;
    }
    out.skipped.push({ file: path, reason: `not a regular file (${kind(st)})` });
  };
  for (const p of paths) visit(p);
  return out;
}

function kind(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'unknown type';
}
