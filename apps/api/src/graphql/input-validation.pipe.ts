import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { DomainError, validationFailed } from '@app/common';

/**
 * Validates resolver arguments with class-validator and turns failures into BAD_USER_INPUT
 * naming each field as the client wrote it (`input.email` for `@Args('input')`).
 * (`@Parent()` and context values count as "custom" and are skipped.)
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
