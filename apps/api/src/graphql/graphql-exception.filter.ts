import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost, type GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { databaseErrorSummary, databaseRefusal, DomainError, ErrorCode, type RequestContext } from '@app/common';

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
};

/**
 * The one place resolver errors become GraphQL errors: domain errors keep their code and
 * fields; anything unexpected is logged with the request id and answered without detail.
 */
@Catch()
export class GraphqlExceptionFilter implements GqlExceptionFilter {
  private readonly log = new Logger('GraphQL');

  catch(exception: unknown, host: ArgumentsHost): GraphQLError {
    if (exception instanceof DomainError) {
      return toGraphqlError(exception);
    }
    if (exception instanceof GraphQLError) {
      return exception;
    }
    if (exception instanceof HttpException && HTTP_CODES[exception.getStatus()]) {
      return new GraphQLError(exception.message, { extensions: { code: HTTP_CODES[exception.getStatus()] } });
    }
    const requestId = GqlArgumentsHost.create(host).getContext<Partial<RequestContext> | undefined>()?.requestId;
    const refusal = databaseRefusal(exception);
    if (refusal) {
      // Truthful to the client, but a service should have said it first, naming the field.
      this.log.warn(
        { ...databaseErrorSummary(exception), requestId },
        'The database refused a change no service check caught',
      );
      return toGraphqlError(refusal);
    }
    this.log.error({ err: exception, requestId }, 'Unexpected error in a resolver');
    return internalError(requestId);
  }
}

function toGraphqlError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...(error.fields.length ? { fields: error.fields } : {}) },
  });
}

function internalError(requestId?: string): GraphQLError {
  return new GraphQLError('Internal server error', {
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  });
}
