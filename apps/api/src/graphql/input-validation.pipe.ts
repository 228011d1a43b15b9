import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import {
  ARGUMENT_VALIDATION,
  asHttpError,
  DomainError,
  PassedValues,
  unstorableArgument,
  validationFailed,
  valueKeyOf,
  withoutNulls,
} from '@app/common';

/**
 * Validates resolver arguments with class-validator and turns failures into BAD_USER_INPUT
 * naming each field as the client wrote it (`input.email` for `@Args('input')`).
 * (`@Parent()` and context values count as "custom" and are skipped.)
 *
 * Before that, every argument is decoded once for all fields: text PostgreSQL cannot store
 * (NUL, unpaired UTF-16 surrogates) is refused wherever it is, and an explicit `null` for a
 * whole optional argument (`filter: null`, `after: null`) means what leaving it out means.
 */
@Injectable()
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...ARGUMENT_VALIDATION,
      transform: true,
      exceptionFactory: (errors) => validationFailed(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // @nestjs/graphql hands resolver arguments to pipes as 'body' (parent and context as 'custom');
    // the few plain HTTP routes take 'query' and 'param' values.
    if (metadata.type !== 'custom') {
      const refusal = unstorableArgument(value, metadata.data ?? '');
      if (refusal) {
        // Plain HTTP routes answer with Nest's HTTP errors (the GraphQL exception filter is not theirs).
        throw metadata.type === 'body' ? refusal : asHttpError(refusal);
      }
    }
    if (metadata.type === 'body') {
      if (metadata.data === undefined && isPlainObject(value)) {
        value = withoutNulls(value);
      }
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof DomainError && metadata.data) {
        throw error.withFieldPrefix(metadata.data);
      }
      throw error;
    }
  }

  /** Each value's key, worked out once: Nest looks for binary values, then validates, the same object. */
  private readonly keys = new WeakMap<object, string | undefined>();

  private keyOf(object: object): string | undefined {
    if (this.keys.has(object)) {
      return this.keys.get(object);
    }
    const key = valueKeyOf(object);
    this.keys.set(object, key);
    return key;
  }

  /** Values class-validator passed (see PassedValues). */
  private readonly passed = new PassedValues();

  /** Binary values (Buffer, ArrayBuffer) are looked for in nested objects; a value with a key has none. */
  protected override findNestedBinaryValues(
    object: object,
    metadataCache?: Map<unknown, unknown[]>,
  ): ValidationError[] {
    // Nested values come through here too: anything but an object is left to Nest.
    const keyed = typeof object === 'object' && object !== null && this.keyOf(object) !== undefined;
    return keyed ? [] : super.findNestedBinaryValues(object, metadataCache);
  }

  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const key = this.keyOf(object);
    if (key !== undefined && this.passed.has(object, key)) {
      return [];
    }
    const errors = await super.validate(object, validatorOptions);
    if (key !== undefined && errors.length === 0) {
      this.passed.add(object, key);
    }
    return errors;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
