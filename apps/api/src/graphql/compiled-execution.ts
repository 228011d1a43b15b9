import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import {
  BREAK,
  type DocumentNode,
  execute,
  type ExecutionResult,
  getVariableValues,
  GraphQLError,
  type GraphQLLeafType,
  type GraphQLSchema,
  isLeafType,
  Kind,
  locatedError,
  type OperationDefinitionNode,
  OperationTypeNode,
  visit,
} from 'graphql';
import { inspect } from 'graphql/jsutils/inspect';
import { compileQuery, type CompiledQuery, type CompilerOptions, isCompiledQuery } from 'graphql-jit';
import { AppConfig } from '../config/app-config';

/** What Apollo hands its executor (`makeGatewayGraphQLRequestContext`): the parts read here. */
export interface ExecutorRequest {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  /** Apollo's choice of operation (`getOperationAST`); absent when none matches. */
  readonly operation?: OperationDefinitionNode;
  readonly context: unknown;
  readonly request: { readonly variables?: Record<string, unknown>; readonly operationName?: string };
}

export type Executor = (request: ExecutorRequest) => Promise<ExecutionResult>;

/** `compileQuery`, replaceable in tests. */
export type Compile = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string,
  options?: Partial<CompilerOptions>,
) => CompiledQuery | ExecutionResult;

/**
 * Per operation: runs so far on graphql-js; or its compiled form, with the variables it uses inside
 * input object literals; or `false` where it stays on graphql-js.
 */
type Plan = number | { readonly query: CompiledQuery; readonly inObjects: readonly string[] } | false;

/**
 * Executes queries with graphql-jit: each operation is compiled once into a function (no per-field
 * lookups of the schema, resolvers or arguments), after `compileAfter` runs on graphql-js, so a
 * query seen once is not compiled. Compiled forms are kept per operation node of Apollo's parsed
 * document (its document store keeps the document of a repeated query string), so they go when
 * Apollo evicts the document. Mutations, subscriptions, introspection and anything graphql-jit
 * refuses run on graphql-js, as do requests whose variables graphql-js refuses (its errors and
 * codes stand); results are those of graphql-js, errors included (see `asExecutionError`).
 */
export function compiledExecutor({
  compileAfter,
  compile = compileQuery,
}: {
  compileAfter: number;
  compile?: Compile;
}): Executor {
  const plans = new WeakMap<OperationDefinitionNode, Plan>();
  const serializers = new WeakMap<GraphQLSchema, Record<string, (value: unknown) => unknown>>();

  const interpret = async (request: ExecutorRequest): Promise<ExecutionResult> =>
    execute({
      schema: request.schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.request.variables,
      operationName: request.request.operationName,
    });

  const planFor = (request: ExecutorRequest, operation: OperationDefinitionNode): Plan => {
    const plan =
      plans.get(operation) ??
      (operation.operation === OperationTypeNode.QUERY && !introspects(request.document) ? 0 : false);
    if (typeof plan !== 'number') {
      return plan;
    }
    if (plan < compileAfter) {
      plans.set(operation, plan + 1);
      return plan;
    }
    let customSerializers = serializers.get(request.schema);
    if (!customSerializers) {
      customSerializers = leafSerializers(request.schema);
      serializers.set(request.schema, customSerializers);
    }
    const compiled = compile(request.schema, request.document, operation.name?.value, {
      // Every scalar and enum through its own `serialize`, as graphql-js does (DateTime, enums' values).
      disableLeafSerialization: false,
      customSerializers,
    });
    const next = isCompiledQuery(compiled)
      ? { query: compiled, inObjects: variablesInObjects(request.document) }
      : false;
    plans.set(operation, next);
    return next;
  };

  return async (request) => {
    const { operation } = request;
    const plan = operation ? planFor(request, operation) : false;
    if (!operation || typeof plan !== 'object') {
      return interpret(request);
    }
    const variables = request.request.variables ?? {};
    // graphql-js decides which variables are refused, and how (Apollo's BAD_USER_INPUT reads its errors).
    if (
      operation.variableDefinitions?.length &&
      'errors' in getVariableValues(request.schema, operation.variableDefinitions, variables, { maxErrors: 50 })
    ) {
      return interpret(request);
    }
    // A field of an input object literal given a variable the request leaves out: graphql-js leaves the
    // field out (or gives its default), graphql-jit sets it to null.
    if (plan.inObjects.some((name) => variables[name] === undefined)) {
      return interpret(request);
    }
    const result = await plan.query.query(undefined, request.context, variables);
    if (!('data' in result)) {
      return interpret(request); // graphql-jit refused variables graphql-js accepted: let graphql-js run it
    }
    return result.errors ? { ...result, errors: result.errors.map(asExecutionError) } : result;
  };
}

/** Whether the document reads the schema (`__schema`, `__type`): rare, large, left to graphql-js. */
function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD]: (field) => {
      if (field.name.value === '__schema' || field.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The variables used inside input object literals (`filter: { status: $status }`), anywhere in the document. */
function variablesInObjects(document: DocumentNode): string[] {
  const names = new Set<string>();
  let depth = 0;
  visit(document, {
    [Kind.OBJECT]: {
      enter: () => {
        depth++;
      },
      leave: () => {
        depth--;
      },
    },
    [Kind.VARIABLE]: (variable) => {
      if (depth > 0) {
        names.add(variable.name.value);
      }
    },
  });
  return [...names];
}

/** What a leaf type's `serialize` threw: graphql-jit keeps only an error's `message`, so it is carried there. */
class LeafFailure {
  constructor(readonly thrown: unknown) {}
}

class CarriedLeafFailure extends Error {
  constructor(failure: LeafFailure) {
    super();
    Object.defineProperty(this, 'message', { value: failure });
  }
}

/**
 * Each scalar's and enum's `serialize` as graphql-js calls it (`completeLeafValue`): what it throws
 * reaches the error (see `asExecutionError`), and a nullish result is an error, not a null.
 */
function leafSerializers(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  const leaves = Object.values(schema.getTypeMap()).filter((type): type is GraphQLLeafType => isLeafType(type));
  return Object.fromEntries(
    leaves.map((type) => [
      type.name,
      (value: unknown): unknown => {
        let serialized: unknown;
        try {
          serialized = type.serialize(value);
        } catch (thrown) {
          throw new CarriedLeafFailure(new LeafFailure(thrown));
        }
        if (serialized === null || serialized === undefined) {
          const message = `Expected \`${inspect(type)}.serialize(${inspect(value)})\` to return non-nullable value, returned: ${inspect(serialized)}`;
          throw new CarriedLeafFailure(new LeafFailure(new Error(message)));
        }
        return serialized;
      },
    ]),
  );
}

/** graphql-js raises a null in a non-null field as a plain Error, its other completion failures as GraphQLErrors. */
const NULL_IN_NON_NULL = 'Cannot return null for non-nullable field ';

/**
 * graphql-jit's field error as graphql-js makes it (`locatedError`): what was thrown kept as
 * `originalError` (for graphql-jit's own messages, the kind of error graphql-js raises), its
 * `extensions`, the field's path and locations. Apollo's formatting and ours (`formatError`: codes
 * kept, anything else masked) then see what they see from graphql-js.
 */
export function asExecutionError(error: GraphQLError): GraphQLError {
  const message: unknown = error.message;
  const raw: unknown =
    message instanceof LeafFailure
      ? message.thrown
      : (error.originalError ??
        (error.message.startsWith(NULL_IN_NON_NULL) ? new Error(error.message) : new GraphQLError(error.message)));
  const located = locatedError(raw, undefined, error.path);
  if (located !== raw && located.locations === undefined) {
    (located as { locations: GraphQLError['locations'] }).locations = error.locations;
  }
  return located;
}

interface ApolloInternals {
  gatewayExecutor: Executor | null;
  rootValue?: unknown;
  fieldResolver?: unknown;
}

/**
 * Installs `compiledExecutor` as Apollo's executor: the one hook Apollo Server 5 offers after its
 * parsing, validation and `didResolveOperation` plugins (query limits, the response cache) and
 * before its own error formatting, which is what graphql-js's results get too. HTTP only: graphql-ws
 * runs its operations itself. Fails start-up loudly if an Apollo upgrade moves the hook.
 */
@Injectable()
export class CompiledExecution implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.GRAPHQL_COMPILED_EXECUTION) {
      return;
    }
    const adapter = this.moduleRef.get(GraphQLModule, { strict: false }).graphQlAdapter as {
      instance?: { internals?: ApolloInternals };
    };
    const internals = adapter.instance?.internals;
    if (!internals || internals.gatewayExecutor !== null) {
      throw new Error('Cannot find the Apollo executor hook to run compiled queries; check @apollo/server internals');
    }
    // graphql-js is called here as Apollo calls it: without a root value or a default field resolver.
    if (internals.rootValue !== undefined || internals.fieldResolver !== undefined) {
      throw new Error('Compiled execution does not pass Apollo a rootValue or fieldResolver');
    }
    internals.gatewayExecutor = compiledExecutor({ compileAfter: this.config.GRAPHQL_COMPILE_AFTER });
  }
}
