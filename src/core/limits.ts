// Limits shared by the command line and the use cases.

/** Largest CloudTrail record stored by default; larger ones are rejected with their size. */
export const DEFAULT_MAX_RECORD_BYTES = 100 * 1024 * 1024;
