import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QirError } from '../../core/errors.js';
import { openCase, openMemoryStore } from '../../store/case-store.js';
import { addNote, addNoteToStore, defaultAuthor, listNotes, readNotes } from './notes.js';

describe('case notes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qir-notes-'));
    (await openCase(dir, { create: true })).close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds timestamped notes and lists them oldest first', async () => {
    const a = await addNote({ caseDir: dir, text: '  Rotated AKIA… at 14:02 ', author: 'ana' });
    expect(a.text).toBe('Rotated AKIA… at 14:02');
    expect(a.author).toBe('ana');
    expect(Number.isNaN(Date.parse(a.createdAt))).toBe(false);
    const b = await addNote({ caseDir: dir, text: 'Legal informed.\nTicket SEC-12.' });
    expect(b.author).toBe(defaultAuthor());
    const notes = await listNotes({ caseDir: dir });
    expect(notes.map((n) => n.text)).toEqual(['Rotated AKIA… at 14:02', 'Legal informed.\nTicket SEC-12.']);
  });

  it('keeps hostile text as written (renderers escape it)', async () => {
    const store = await openMemoryStore();
    try {
      const text = '<script>alert(1)</script> \u001b[31m =cmd';
      await addNoteToStore(store, text, 'x', new Date('2025-06-04T00:00:00Z'));
      expect(await readNotes(store)).toEqual([{ createdAt: '2025-06-04T00:00:00.000Z', author: 'x', text }]);
    } finally {
      store.close();
    }
  });

  it('refuses an empty note and a missing case', async () => {
    await expect(addNote({ caseDir: dir, text: '   ' })).rejects.toThrow(QirError);
    await expect(listNotes({ caseDir: join(dir, 'nope') })).rejects.toThrow(/no case at/);
  });
});
