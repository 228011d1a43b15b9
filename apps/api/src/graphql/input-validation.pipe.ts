import { Injectable, ValidationPipe } from '@nestjs/common';
import { validationFailed } from '@app/common';

/**
 * Validates resolver arguments with class-validator and turns failures into BAD_USER_INPUT
 * naming each field. (`@Parent()` and context values count as "custom" and are skipped.)
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
}
