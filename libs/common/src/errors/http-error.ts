import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

const HTTP_ERRORS: Partial<Record<ErrorCode, new (message: string) => HttpException>> = {
  [ErrorCode.BAD_USER_INPUT]: BadRequestException,
  [ErrorCode.NOT_FOUND]: NotFoundException,
  [ErrorCode.CONFLICT]: ConflictException,
  [ErrorCode.UNAUTHENTICATED]: UnauthorizedException,
  [ErrorCode.FORBIDDEN]: ForbiddenException,
};

/**
 * A domain error as the HTTP status a plain download (CSV, DOCX, iCalendar) answers with: Nest's
 * JSON body (`statusCode`, `error`, `message`) plus the same `code`, `reason` and `fields` a GraphQL
 * error carries in its extensions. Anything else unchanged (the exception filter answers it as a
 * 500 and logs it).
 */
export function asHttpError(error: unknown): unknown {
  const Http = error instanceof DomainError ? HTTP_ERRORS[error.code] : undefined;
  if (!Http || !(error instanceof DomainError)) {
    return error;
  }
  const http = new Http(error.message);
  const body = http.getResponse() as Record<string, unknown>;
  const fields = error.fields.length ? { fields: error.fields } : {};
  return new HttpException({ ...body, code: error.code, reason: error.reason, ...fields }, http.getStatus(), {
    cause: error,
  });
}
