import { IsDefined, ValidateIf } from 'class-validator';

/**
 * For a field with no "none" (a name, a flag, a set): left out keeps it, explicit `null` is
 * BAD_USER_INPUT on the field. (`@IsOptional()` lets `null` through to a NOT NULL column.)
 */
export function OptionalNotNull(): PropertyDecorator {
  const validateIfGiven = ValidateIf((_: unknown, value: unknown) => value !== undefined);
  const notNull = IsDefined({ message: 'must not be null: leave it out to keep it' });
  return (target, property) => {
    notNull(target, property);
    validateIfGiven(target, property);
  };
}
