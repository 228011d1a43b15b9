import { ErrorCode } from './error-code';
import { CommonRefusal, type RefusalReason } from './refusal-reason';

/** One offending input field and what was wrong with it. */
export interface FieldProblem {
  /** Dotted path of the field as the client sent it, e.g. `input.code` or `code`. */
  readonly field: string;
  readonly message: string;
}

/**
 * The one error type services throw for anything a client did or may branch on.
 * Its message is safe to show and says why in words; the API maps `code` to `extensions.code`
 * and `reason` to `extensions.reason`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, ErrorCode.INTERNAL_SERVER_ERROR>,
    readonly reason: RefusalReason,
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
    return new DomainError(this.code, this.reason, message, fields);
  }

  /** A field the client sent breaks a rule of the domain that has its own reason. */
  static badInput(reason: RefusalReason, field: string, message: string): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, reason, `${field}: ${message}`, [{ field, message }]);
  }

  /** A field is malformed or out of range: the generic `INVALID_INPUT`. */
  static invalidInput(field: string, message: string): DomainError {
    return DomainError.badInput(CommonRefusal.INVALID_INPUT, field, message);
  }

  /** A field names something that does not exist: `NOT_FOUND`, with the field. */
  static unknown(field: string, message: string): DomainError {
    return DomainError.badInput(CommonRefusal.NOT_FOUND, field, message);
  }

  static notFound(what: string, key: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, CommonRefusal.NOT_FOUND, `${what} ${key} was not found`);
  }
}
