import type { ValidationError } from 'class-validator';
import { DomainError, type FieldProblem } from './domain-error';
import { ErrorCode } from './error-code';
import { CommonRefusal } from './refusal-reason';

/** Flattens nested class-validator errors into dotted field paths. */
export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

export function validationFailed(errors: readonly ValidationError[]): DomainError {
  const problems = fieldProblems(errors);
  const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new DomainError(ErrorCode.BAD_USER_INPUT, CommonRefusal.INVALID_INPUT, summary || 'Invalid input', problems);
}
