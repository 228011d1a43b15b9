import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Decimal places of a double as written in its shortest form, exponent included: `5e-324` has
 * 324, `1e21` none. (class-validator's `maxDecimalPlaces` fails on exponent notation.)
 */
export function decimalPlaces(value: number): number {
  const match = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  return match ? Math.max(0, (match[1]?.length ?? 0) - Number(match[2] ?? 0)) : Number.POSITIVE_INFINITY;
}

/** A finite number with at most `places` decimal places, however the client wrote it. */
export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimal',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && decimalPlaces(value) <= places,
        defaultMessage: () => `must be a number with at most ${places} decimal places`,
      },
    },
    options,
  );
}
