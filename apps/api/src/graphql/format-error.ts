import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@app/common';
import { knownFailure } from './known-failures';

const log = new Logger('GraphQL');

const TOO_MANY_VARIABLE_ERRORS = 'Too many errors processing variables';
/** graphql-js quotes a faulty variable's whole value in each of its (up to 50) errors. */
const MAX_VARIABLE_MESSAGE = 500;
const VARIABLE_MESSAGE = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/;
/** `Variable "$f" got invalid value ` + the value + (` at "f.k"`)`; ` + what is wrong. */
const QUOTED_VALUE = /^(Variable "\$\w+" got invalid value ).*?((?: at "[^"]*")?; [^;]*)$/s;

/** Where in the variable's value graphql-js found the fault (`at "input.kind"`), before what is wrong. */
const PLACE_IN_VALUE = / at "([^"]+)"; [^;]*$/s;

/** A variable's coercion error, its message cut short and the variable (or the place in it) named as the offending field. */
function variableFailure(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const variable = VARIABLE_MESSAGE.exec(formatted.message)?.[1];
  if (variable === undefined) {
    return undefined;
  }
  // A place inside this variable only: the value quoted before it could hold text like ` at "x"; `.
  const place = PLACE_IN_VALUE.exec(formatted.message)?.[1];
  const name = place?.startsWith(`${variable}.`) || place?.startsWith(`${variable}[`) ? place : variable;
  let message = formatted.message;
  if (message.length > MAX_VARIABLE_MESSAGE) {
    // The value quoted goes; the variable, where in it and what is wrong stay.
    const parts = QUOTED_VALUE.exec(message);
    message = parts ? `${parts[1]}…${parts[2]}` : `${message.slice(0, MAX_VARIABLE_MESSAGE)}…`;
    message = message.length > MAX_VARIABLE_MESSAGE ? `${message.slice(0, MAX_VARIABLE_MESSAGE)}…` : message;
  }
  return { ...formatted, message, extensions: { fields: [{ field: name, message }], ...formatted.extensions } };
}

/**
 * Last line of defence before a response. GraphQL errors with a code (ours from the
 * exception filter, or GraphQL's own for parse, validation and variables) go out without
 * a stack trace; anything else is logged and masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  if (original instanceof GraphQLError && original.message.startsWith(TOO_MANY_VARIABLE_ERRORS)) {
    // graphql-js's own end to coercing variables with many faults (Apollo calls it internal): the client's input.
    const { message } = original;
    return { message, extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [{ field: 'variables', message }] } };
  }
  if (original instanceof GraphQLError && typeof extensions.code === 'string') {
    return variableFailure({ ...formatted, extensions }) ?? { ...formatted, extensions };
  }
  // Nest's exception filter does not run for field resolvers: their errors arrive here as thrown.
  const known = knownFailure(original, log);
  if (known) {
    // `http` sets the status over HTTP; it is not for the client to read.
    const { http: _http, ...knownExtensions } = known.extensions;
    return {
      message: known.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: knownExtensions,
    };
  }
  log.error({ err: original }, 'Unexpected error outside a resolver');
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
