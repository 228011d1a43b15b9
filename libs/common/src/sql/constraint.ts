import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { CommonRefusal } from '../errors/refusal-reason';

interface DriverError {
  readonly code?: unknown;
  readonly constraint?: unknown;
  readonly message?: unknown;
}

const driverErrorOf = (error: unknown): DriverError | undefined => {
  const driverError = (error as { driverError?: unknown } | null)?.driverError ?? error;
  return typeof driverError === 'object' && driverError !== null ? driverError : undefined;
};

/** The name of the database constraint (or constraint trigger) a failed statement violated, if any. */
export function violatedConstraint(error: unknown): string | undefined {
  const constraint = driverErrorOf(error)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

/** The SQLSTATE and constraint of a database error, safe to log (no statement, no parameters). */
export function databaseErrorSummary(error: unknown): { sqlState?: string; constraint?: string } {
  const code = driverErrorOf(error)?.code;
  return { sqlState: typeof code === 'string' ? code : undefined, constraint: violatedConstraint(error) };
}

/**
 * What a refusal by the database means to the client, when it can only mean one thing: a unique
 * violation is a duplicate (CONFLICT), a foreign key on insert names something that does not exist
 * (NOT_FOUND) and one on delete something still in use (CONFLICT), a check or a value the column
 * cannot hold is bad input. Services check these first and name the field; this is the safety net
 * for a case they missed (e.g. a race), so it names no field. Anything else stays an internal error.
 */
export function databaseRefusal(error: unknown): DomainError | undefined {
  const driverError = driverErrorOf(error);
  const code = typeof driverError?.code === 'string' ? driverError.code : '';
  const message = typeof driverError?.message === 'string' ? driverError.message : '';
  switch (code) {
    case '23505': // unique_violation
      return new DomainError(
        ErrorCode.CONFLICT,
        CommonRefusal.ALREADY_EXISTS,
        'This conflicts with something that already exists',
      );
    case '23503': // foreign_key_violation
      return message.startsWith('update or delete')
        ? new DomainError(ErrorCode.CONFLICT, CommonRefusal.STILL_REFERENCED, 'Something else still refers to this')
        : new DomainError(ErrorCode.NOT_FOUND, CommonRefusal.NOT_FOUND, 'Something this refers to does not exist');
    case '23514': // check_violation
    case '23502': // not_null_violation
    case '22001': // string_data_right_truncation
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22021': // character_not_in_repertoire (NUL)
    case '22P02': // invalid_text_representation
    case '22P05': // untranslatable_character (unpaired surrogate in jsonb)
      return new DomainError(ErrorCode.BAD_USER_INPUT, CommonRefusal.INVALID_INPUT, 'A value given is not acceptable');
    default:
      return undefined;
  }
}
