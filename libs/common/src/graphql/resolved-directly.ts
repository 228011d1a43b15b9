import { PARAM_ARGS_METADATA } from '@nestjs/graphql';
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

type Resolve = (parent: unknown, args: Record<string, unknown>, ...rest: unknown[]) => unknown;

/**
 * A field resolved once per item of long lists whose arguments are one `@ArgsType()` (an event's
 * `occurrences(from, to)` on a page of events): Nest binds it to graphql-js as it is, as it does a
 * field without parameter decorators (NoArgs), instead of running its param factories, pipes and
 * promise chain on every call (a fifth of the CPU of a page of 20 series). The method takes
 * `(parent, args, context)` as graphql-js passes them; its `@Args()` only declares the schema's
 * arguments. The arguments are checked here as the global pipe checks them (unsafe text refused,
 * an explicit null read as absent, class-validator on `argsType`, BAD_USER_INPUT naming the field)
 * and handed on as an instance of `argsType`; values that passed are remembered (PassedValues).
 */
export function ResolvedDirectly(argsType: new () => object): MethodDecorator {
  const passed = new PassedValues();
  return (target, key, descriptor) => {
    // Nest's fast path takes a field resolver without parameter metadata; the schema's arguments
    // were registered apart from it, by @Args() itself.
    Reflect.deleteMetadata(PARAM_ARGS_METADATA, target.constructor, key);
    const resolve = descriptor.value as unknown as Resolve;
    const direct: Resolve = function (this: unknown, parent, args, ...rest) {
      return resolve.call(this, parent, checkedArguments(argsType, args, passed), ...rest);
    };
    (descriptor as PropertyDescriptor).value = direct;
  };
}

function checkedArguments(
  argsType: new () => object,
  args: Record<string, unknown>,
  passed: PassedValues,
): Record<string, unknown> {
  const unsafe = unsafeTextIn(args, '');
  if (unsafe !== undefined) {
    throw DomainError.invalidInput(unsafe, 'must not contain NUL characters or unpaired UTF-16 surrogates');
  }
  const given = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null));
  const instance = plainToInstance(argsType, given) as Record<string, unknown>;
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
  return instance;
}
