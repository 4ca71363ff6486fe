// The one error type qir throws on purpose: a stable code, a message that says what to do, an exit status.

export type ErrorCode =
  | 'NO_INPUT'
  | 'CASE_BUSY'
  | 'CASE_INVALID'
  | 'BAD_ARGUMENT'
  | 'NOTHING_TO_DO'
  | 'IO';

export class QirError extends Error {
  readonly code: ErrorCode;
  readonly exitStatus: number;

  constructor(code: ErrorCode, message: string, options: { exitStatus?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'QirError';
    this.code = code;
    this.exitStatus = options.exitStatus ?? 1;
  }
}
