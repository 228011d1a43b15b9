import { ErrorCode } from './error-code';

/** One offending input field and what was wrong with it. */
export interface FieldProblem {
  /** Dotted path of the field as the client sent it, e.g. `input.code` or `code`. */
  readonly field: string;
  readonly message: string;
}

/**
 * The one error type services throw for anything a client did or may branch on.
 * Its message is safe to show; the API maps `code` to `extensions.code`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, ErrorCode.INTERNAL_SERVER_ERROR>,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** The same error with every field path under `prefix` (e.g. the argument name). */
  withFieldPrefix(prefix: string): DomainError {
    const fields = this.fields.map((f) => ({ field: `${prefix}.${f.field}`, message: f.message }));
    const message = fields.length ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : this.message;
    return new DomainError(this.code, message, fields);
  }

  static badInput(field: string, message: string): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, [{ field, message }]);
  }

  static notFound(what: string, key: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} ${key} was not found`);
  }
}
