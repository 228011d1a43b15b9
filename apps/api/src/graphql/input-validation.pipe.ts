import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { asHttpError, DomainError, unsafeTextIn, validationFailed } from '@app/common';

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
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => validationFailed(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // @nestjs/graphql hands resolver arguments to pipes as 'body' (parent and context as 'custom');
    // the few plain HTTP routes take 'query' and 'param' values.
    if (metadata.type !== 'custom') {
      const unsafe = unsafeTextIn(value, metadata.data ?? '');
      if (unsafe !== undefined) {
        const refusal = DomainError.invalidInput(
          unsafe,
          'must not contain NUL characters or unpaired UTF-16 surrogates',
        );
        // Plain HTTP routes answer with Nest's HTTP errors (the GraphQL exception filter is not theirs).
        throw metadata.type === 'body' ? refusal : asHttpError(refusal);
      }
    }
    if (metadata.type === 'body') {
      if (metadata.data === undefined && isPlainObject(value)) {
        value = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null));
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

  /** Values class-validator passed, by class (see valueKeyOf). */
  private readonly passed = new Map<unknown, Set<string>>();
  private passedCount = 0;

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
    if (key !== undefined && this.passed.get(object.constructor)?.has(key)) {
      return [];
    }
    const errors = await super.validate(object, validatorOptions);
    if (key !== undefined && errors.length === 0) {
      if (this.passedCount >= MAX_PASSED) {
        this.passed.clear();
        this.passedCount = 0;
      }
      let passed = this.passed.get(object.constructor);
      if (passed === undefined) {
        passed = new Set();
        this.passed.set(object.constructor, passed);
      }
      passed.add(key);
      this.passedCount += 1;
    }
    return errors;
  }
}

/**
 * The arguments of a field inside a list (an event's `occurrences(from, to)` on a page of events)
 * are the same for every item, and a subscription's arguments the same for every subscriber:
 * class-validator's walk over its metadata ran once per item. Values it passed are remembered by
 * class and value, for values made of text, numbers, booleans, dates and nested objects or lists
 * of them (validators here read nothing else); refusals are worked out every time.
 */
const MAX_PASSED = 2_000;
const MAX_KEY_LENGTH = 1_000;
const MAX_DEPTH = 4;

/** The object's own values, nested ones with their class, as one text; undefined for anything else. */
function valueKeyOf(object: object): string | undefined {
  const parts: unknown[] = [];
  if (!collect(object, parts, 0)) {
    return undefined;
  }
  const key = JSON.stringify(parts);
  return key.length <= MAX_KEY_LENGTH ? key : undefined;
}

/** Appends the object's class and its entries (key, kind, value; a nested object: its own entries). */
function collect(object: object, parts: unknown[], depth: number): boolean {
  if (depth > MAX_DEPTH || isBuiltIn(object) || (Array.isArray(object) && object.length > MAX_KEY_LENGTH / 4)) {
    return false;
  }
  const entries = Object.entries(object);
  parts.push(classIdOf(object), entries.length);
  for (const [key, value] of entries) {
    if (parts.length * 8 > MAX_KEY_LENGTH * 4) {
      return false; // stop walking what could not be a key anyway (a long list is left to class-validator)
    }
    if (typeof value === 'string' && value.length > MAX_KEY_LENGTH) {
      return false;
    }
    if (value instanceof Date) {
      parts.push(key, 'd', String(value.getTime()));
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      parts.push(key, typeof value, Object.is(value, -0) ? '-0' : String(value));
    } else if (value === null || value === undefined) {
      parts.push(key, String(value), '');
    } else if (typeof value === 'object') {
      parts.push(key, 'o');
      if (!collect(value as object, parts, depth + 1)) {
        return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

/** Binary values (for Nest's own check) and collections whose contents entries do not show. */
function isBuiltIn(value: object): boolean {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof RegExp
  );
}

const classIds = new WeakMap<object, number>();
let nextClassId = 1;
function classIdOf(object: object): number {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype === null || typeof prototype !== 'object') {
    return 0;
  }
  let id = classIds.get(prototype);
  if (id === undefined) {
    id = nextClassId++;
    classIds.set(prototype, id);
  }
  return id;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
