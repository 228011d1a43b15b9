import { PARAM_ARGS_METADATA, RESOLVER_NAME_METADATA } from '@nestjs/graphql';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { validationFailed } from '../errors/validation-errors';
import { unsafeTextIn } from '../text/storable-text';
import { PassedValues, valueKeyOf } from '../validation/passed-values';

/** How resolver arguments are validated: the global pipe and `ResolvedDirectly` alike. */
export const ARGUMENT_VALIDATION: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: true,
};

/** The refusal of arguments holding text PostgreSQL cannot store (NUL, unpaired surrogates), naming it under `path`. */
export function unstorableArgument(value: unknown, path = ''): DomainError | undefined {
  const unsafe = unsafeTextIn(value, path);
  return unsafe === undefined
    ? undefined
    : DomainError.invalidInput(unsafe, 'must not contain NUL characters or unpaired UTF-16 surrogates');
}

/** A field's arguments with an explicit `null` for a whole optional argument read as leaving it out. */
export const withoutNulls = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null));

type Resolve = (parent: unknown, args: Record<string, unknown>, ...rest: unknown[]) => unknown;

/** Nest's key of an `@Args()` parameter in its metadata: `<GqlParamtype.ARGS>:<index>`. */
const ARGS_PARAMETER = /^3:\d+$/;

/**
 * A field resolved once per item of long lists whose arguments are one `@ArgsType()` (an event's
 * `occurrences(from, to)` on a page of events): Nest binds it to graphql-js as it is, as it does a
 * field without parameter decorators (NoArgs), instead of running its param factories, pipes and
 * promise chain on every call (a fifth of the CPU of a page of 20 series). The method takes
 * `(parent, args, context)` as graphql-js passes them; its one `@Args()` (whole, no pipes) only
 * declares the schema's arguments, and the args type's fields keep their property names (Nest's
 * renaming is not applied). The arguments are checked here as the global pipe checks them (unsafe
 * text refused, an explicit null read as absent, class-validator's constraints on `argsType`, all
 * synchronous here, BAD_USER_INPUT naming the field) and handed on as an instance of `argsType`;
 * values that passed are remembered (PassedValues). Misuse is refused when the class is defined.
 */
export function ResolvedDirectly(argsType: new () => object): MethodDecorator {
  const passed = new PassedValues();
  const checked = new CheckedArguments();
  return (target, key, descriptor) => {
    const where = `${target.constructor.name}.${String(key)}`;
    if (Reflect.hasMetadata(RESOLVER_NAME_METADATA, descriptor.value as object)) {
      throw new Error(`${where}: put @ResolvedDirectly below @ResolveField (it must see the method it wraps)`);
    }
    const parameters = Object.entries(
      (Reflect.getOwnMetadata(PARAM_ARGS_METADATA, target.constructor, key) ?? {}) as Record<
        string,
        { data?: unknown; pipes?: unknown[] }
      >,
    );
    const [only] = parameters;
    if (
      parameters.length !== 1 ||
      !ARGS_PARAMETER.test(only[0]) ||
      only[1].data !== undefined ||
      only[1].pipes?.length
    ) {
      throw new Error(`${where}: @ResolvedDirectly takes one whole @Args() and no other parameter decorators or pipes`);
    }
    // Nest's fast path takes a field resolver without parameter metadata; the schema's arguments
    // were registered apart from it, by @Args() itself.
    Reflect.deleteMetadata(PARAM_ARGS_METADATA, target.constructor, key);
    if (Reflect.getMetadata(PARAM_ARGS_METADATA, target.constructor, key) !== undefined) {
      throw new Error(`${where}: a base class declares parameters for it, so Nest would not bind it directly`);
    }
    const resolve = descriptor.value as unknown as Resolve;
    const direct: Resolve = function (this: unknown, parent, args, ...rest) {
      return resolve.call(this, parent, checked.of(args) ?? checkedArguments(argsType, args, passed, checked), ...rest);
    };
    (descriptor as PropertyDescriptor).value = direct;
  };
}

/**
 * Arguments that passed, by their value as graphql-js gave them, as the instance they became: a
 * page of 20 events asks `occurrences(from, to)` with one value 20 times, and turning it into an
 * instance (class-transformer) cost more than the field's own work. Only instances of text,
 * numbers, booleans and dates are kept; each call gets a copy of its own (dates too). Bounded:
 * cleared when full.
 */
class CheckedArguments {
  private readonly instances = new Map<string, Record<string, unknown>>();
  /** The last flat arguments found or added (values copied) and their instance: a list's items ask one after another. */
  private last:
    | { readonly args: Record<string, unknown>; readonly count: number; readonly instance: Record<string, unknown> }
    | undefined;

  of(args: Record<string, unknown>): Record<string, unknown> | undefined {
    if (this.last !== undefined && sameFlatValues(this.last.args, this.last.count, args)) {
      return copyOf(this.last.instance);
    }
    const key = this.instances.size > 0 ? valueKeyOf(args) : undefined;
    const known = key === undefined ? undefined : this.instances.get(key);
    if (known === undefined) {
      return undefined;
    }
    this.remember(args, known);
    return copyOf(known);
  }

  add(args: Record<string, unknown>, instance: Record<string, unknown>): void {
    const key = valueKeyOf(args);
    if (key === undefined || !Object.values(instance).every(isFlatValue)) {
      return;
    }
    if (this.instances.size >= MAX_CHECKED) {
      this.instances.clear();
    }
    const kept = copyOf(instance);
    this.instances.set(key, kept);
    this.remember(args, kept);
  }

  private remember(args: Record<string, unknown>, instance: Record<string, unknown>): void {
    const values = Object.values(args);
    this.last = values.every(isFlatValue) ? { args: copyOf(args), count: values.length, instance } : undefined;
  }
}

/** The same `count` own keys with the same values (dates by their time; -0 is not 0). */
function sameFlatValues(known: Record<string, unknown>, count: number, args: Record<string, unknown>): boolean {
  let seen = 0;
  for (const key of Object.keys(args)) {
    const value = args[key];
    const was = known[key];
    if (
      !Object.is(value, was) &&
      !(value instanceof Date && was instanceof Date && Object.is(value.getTime(), was.getTime()))
    ) {
      return false;
    }
    if (was === undefined && !Object.hasOwn(known, key)) {
      return false;
    }
    seen++;
  }
  return seen === count;
}

const MAX_CHECKED = 1_000;

const isFlatValue = (value: unknown): boolean =>
  value === null || value instanceof Date || (typeof value !== 'object' && typeof value !== 'function');

function copyOf(instance: Record<string, unknown>): Record<string, unknown> {
  const copy = Object.create(Object.getPrototypeOf(instance) as object | null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(instance)) {
    copy[key] = value instanceof Date ? new Date(value.getTime()) : value;
  }
  return copy;
}

function checkedArguments(
  argsType: new () => object,
  args: Record<string, unknown>,
  passed: PassedValues,
  checked: CheckedArguments,
): Record<string, unknown> {
  const refusal = unstorableArgument(args);
  if (refusal) {
    throw refusal;
  }
  const instance = plainToInstance(argsType, withoutNulls(args)) as Record<string, unknown>;
  const key = valueKeyOf(instance);
  if (key === undefined || !passed.has(instance, key)) {
    const errors = validateSync(instance, ARGUMENT_VALIDATION);
    if (errors.length > 0) {
      throw validationFailed(errors);
    }
    if (key !== undefined) {
      passed.add(instance, key);
    }
  }
  checked.add(args, instance);
  return instance;
}
