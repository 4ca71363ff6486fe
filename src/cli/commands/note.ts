// `qir note add` and `qir note list`: timestamped notes in a case, the report's lessons learned.
import { addNote, listNotes } from '../../app/notes/notes.js';
import type { CliIo } from '../main.js';
import { safeText } from '../terminal.js';

export async function runNoteAddCommand(io: CliIo, o: { caseDir: string; text: string; author?: string; waitSeconds: number }): Promise<number> {
  const note = await addNote({ caseDir: o.caseDir, text: o.text, author: o.author, waitSeconds: o.waitSeconds });
  io.stdout.write(`Noted at ${note.createdAt} by ${safeText(note.author)}.\n`);
  return 0;
}

export async function runNoteListCommand(io: CliIo, o: { caseDir: string; json: boolean; waitSeconds: number }): Promise<number> {
  const notes = await listNotes({ caseDir: o.caseDir, waitSeconds: o.waitSeconds });
  if (o.json) {
    io.stdout.write(JSON.stringify(notes, null, 2) + '\n');
    return 0;
  }
  if (!notes.length) io.stdout.write('No notes in this case yet: qir note add "…" --case DIR\n');
  for (const n of notes) {
    const [first, ...rest] = safeText(n.text).split('\n');
    io.stdout.write(`${n.createdAt}  ${safeText(n.author)}: ${first}\n`);
    for (const line of rest) io.stdout.write(`    ${line}\n`);
  }
  return 0;
}
