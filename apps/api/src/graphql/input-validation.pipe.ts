import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
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
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
