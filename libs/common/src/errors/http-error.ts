import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

const HTTP_ERRORS: Partial<Record<ErrorCode, new (message: string) => Error>> = {
  [ErrorCode.BAD_USER_INPUT]: BadRequestException,
  [ErrorCode.NOT_FOUND]: NotFoundException,
  [ErrorCode.CONFLICT]: ConflictException,
  [ErrorCode.UNAUTHENTICATED]: UnauthorizedException,
  [ErrorCode.FORBIDDEN]: ForbiddenException,
};

/**
 * A domain error as the HTTP status a plain download (CSV, DOCX) answers with, keeping its
 * message; anything else unchanged (the exception filter answers it as a 500 and logs it).
 */
export function asHttpError(error: unknown): unknown {
  const Http = error instanceof DomainError ? HTTP_ERRORS[error.code] : undefined;
  return Http ? new Http((error as DomainError).message) : error;
}
