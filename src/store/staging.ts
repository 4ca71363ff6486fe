// The staging format between file readers (worker threads) and the case store.

/** Sequence numbers order records across a run: file index times this, plus the position in the file. */
export const SEQ_FILE_FACTOR = 2 ** 32;

export interface StagedFile {
  /** JSON Lines of rows shaped like `cloudtrail` (plus `_seq`). */
  rows: string;
  /** CSV of `_seq, _hash, eventid` for the same rows. */
  keys: string;
}
