// Case notes (`qir note add`, `qir note list`): timestamped remarks by responders, kept in the case and
// used as the report's lessons learned.
import { userInfo } from 'node:os';
import { QirError } from '../../core/errors.js';
import type { CaseStore } from '../../store/case-store.js';
import { openCase } from '../../store/case-store.js';
import type { CaseNote } from '../../report/model.js';

export type { CaseNote };

/** Longest note accepted (a note is a remark, not an evidence file). */
export const MAX_NOTE_CHARS = 100_000;

export interface NoteOptions {
  caseDir: string;
  waitSeconds?: number;
}

/** Who is writing when --author is not given: the login name, else "unknown". */
export function defaultAuthor(): string {
  try {
    return userInfo().username || process.env.USER || 'unknown';
  } catch {
    return process.env.USER || 'unknown';
  }
}

export async function addNoteToStore(store: CaseStore, text: string, author = defaultAuthor(), now = new Date()): Promise<CaseNote> {
  const body = text.trim();
  if (!body) throw new QirError('BAD_ARGUMENT', 'the note is empty: give its text, e.g. qir note add "rotated the key AKIA…" --case DIR');
  if (body.length > MAX_NOTE_CHARS) throw new QirError('BAD_ARGUMENT', `the note is longer than ${MAX_NOTE_CHARS} characters`);
  const note: CaseNote = { createdAt: now.toISOString(), author: author.trim() || defaultAuthor(), text: body };
  await store.run(`INSERT INTO notes (created_at, author, text) VALUES ($1, $2, $3)`, [note.createdAt, note.author, note.text]);
  return note;
}

/** The case's notes, oldest first. */
export async function readNotes(store: CaseStore): Promise<CaseNote[]> {
  const rows = await store.all<{ created_at: string | null; author: string | null; text: string | null }>(
    `SELECT created_at, author, text FROM notes ORDER BY created_at, rowid`,
  );
  return rows.map((r) => ({ createdAt: r.created_at ?? '', author: r.author ?? '', text: r.text ?? '' }));
}

export async function addNote(o: NoteOptions & { text: string; author?: string }): Promise<CaseNote> {
  const store = await openCase(o.caseDir, { waitSeconds: o.waitSeconds, command: 'qir note add' });
  try {
    return await addNoteToStore(store, o.text, o.author);
  } finally {
    store.close();
  }
}

export async function listNotes(o: NoteOptions): Promise<CaseNote[]> {
  const store = await openCase(o.caseDir, { waitSeconds: o.waitSeconds, command: 'qir note list' });
  try {
    return await readNotes(store);
  } finally {
    store.close();
  }
}
