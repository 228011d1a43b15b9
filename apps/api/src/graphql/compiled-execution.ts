import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import {
  BREAK,
  type DocumentNode,
  execute,
  type ExecutionResult,
  getVariableValues,
  type GraphQLEnumType,
  type GraphQLLeafType,
  type GraphQLSchema,
  isEnumType,
  isLeafType,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  visit,
} from 'graphql';
import { inspect } from 'graphql/jsutils/inspect';
import { compileQuery, type CompiledQuery, type CompilerOptions, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { withFreshLoaders } from '@app/common';
import { AppConfig } from '../config/app-config';
import { completeSharedListsOnce } from './completed-lists';
import { KnownOperations } from './known-operations';
import { MAX_CACHED_DOCUMENT_BYTES, retainedSize } from './protection/document-size';

/** What Apollo hands its executor (`makeGatewayGraphQLRequestContext`): the parts read here. */
export interface ExecutorRequest {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  /** Apollo's choice of operation (`getOperationAST`); absent when none matches. */
  readonly operation?: OperationDefinitionNode;
  readonly context: unknown;
  readonly request: {
    readonly variables?: Record<string, unknown>;
    readonly operationName?: string;
    /** Present for requests over HTTP. */
    readonly http?: unknown;
  };
  /** The query text as sent. */
  readonly source?: string;
}

export type Executor = (request: ExecutorRequest) => Promise<ExecutionResult>;

/** `compileQuery`, replaceable in tests. */
export type Compile = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string,
  options?: Partial<CompilerOptions>,
) => CompiledQuery | ExecutionResult;

/** An operation's compiled form, with the variables it uses inside input object and list literals. */
interface Compiled {
  readonly query: CompiledQuery;
  readonly inLiterals: readonly string[];
}

/** Per operation: runs so far on graphql-js (compiled, if at all, in `compiledPlans`), or `false` where it stays there. */
type Plan = number | false;

/**
 * Compiled operations kept at most: generated source is several times the size of the document
 * Apollo accounts for, so compiled forms are bounded on their own (least recently used go first;
 * an evicted operation is compiled again on its next run, within the compile budget).
 */
export const MAX_COMPILED_OPERATIONS = 500;
/** And the memory of the documents they keep alive (an operation node holds its document's tokens). */
export const MAX_COMPILED_DOCUMENT_BYTES = 64 * 1024 * 1024;

/**
 * Compiles allowed per window across the process (a token bucket refilling evenly): a compile
 * blocks the event loop for ~1-35 ms, and many distinct documents each sent twice must not add up
 * to a stall. When the budget is spent the operation runs on graphql-js and is compiled later.
 */
export const COMPILES_PER_WINDOW = 20;
export const COMPILE_WINDOW_MS = 10_000;

/**
 * Executes queries with graphql-jit: each operation is compiled once into a function (no per-field
 * lookups of the schema, resolvers or arguments), after `compileAfter` runs on graphql-js, so a
 * query seen once is not compiled. Compiled forms are kept per operation node of Apollo's parsed
 * document (its document store keeps the document of a repeated query string), at most
 * `maxCompiled` of them, and at most `compileBudget.compiles` are compiled per window. Mutations,
 * subscriptions, documents graphql-jit reads otherwise (`jitReadsOtherwise`: introspection, `@skip`
 * and `@include`, some names), documents spelling a graphql-jit marker (`spellsJitMarker`) and
 * anything graphql-jit refuses run on graphql-js, as do requests whose variables graphql-js refuses
 * (its errors and codes stand); an answer with errors is graphql-js's (the operation runs again there),
 * so results are those of graphql-js, errors included.
 */
export function compiledExecutor({
  compileAfter,
  compile = compileQuery,
  maxCompiled = MAX_COMPILED_OPERATIONS,
  compileBudget = { compiles: COMPILES_PER_WINDOW, windowMs: COMPILE_WINDOW_MS },
  now = Date.now,
}: {
  compileAfter: number;
  compile?: Compile;
  maxCompiled?: number;
  compileBudget?: { readonly compiles: number; readonly windowMs: number };
  /** Milliseconds, replaceable in tests. */
  now?: () => number;
}): Executor {
  const plans = new WeakMap<OperationDefinitionNode, Plan>();
  const compiledPlans = new LRUCache<OperationDefinitionNode, Compiled>({
    max: maxCompiled,
    maxSize: MAX_COMPILED_DOCUMENT_BYTES,
    maxEntrySize: MAX_CACHED_DOCUMENT_BYTES,
  });
  let tokens = compileBudget.compiles;
  let refilledAt = now();
  const mayCompile = (): boolean => {
    const at = now();
    tokens = Math.min(
      compileBudget.compiles,
      tokens + (Math.max(0, at - refilledAt) * compileBudget.compiles) / compileBudget.windowMs,
    );
    refilledAt = at;
    if (tokens < 1) {
      return false;
    }
    tokens--;
    return true;
  };
  const serializers = new WeakMap<GraphQLSchema, Record<string, (value: unknown) => unknown>>();

  const interpret = async (request: ExecutorRequest): Promise<ExecutionResult> =>
    execute({
      schema: request.schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.request.variables,
      operationName: request.request.operationName,
    });

  const planFor = (request: ExecutorRequest, operation: OperationDefinitionNode): Compiled | undefined => {
    const compiled = compiledPlans.get(operation);
    if (compiled) {
      return compiled;
    }
    let plan = plans.get(operation);
    if (plan === undefined) {
      plan =
        operation.operation === OperationTypeNode.QUERY &&
        !jitReadsOtherwise(request.document) &&
        !spellsJitMarker(request.document)
          ? 0
          : false;
      plans.set(operation, plan);
    }
    if (plan === false) {
      return undefined;
    }
    if (plan < compileAfter) {
      plans.set(operation, plan + 1);
      return undefined;
    }
    if (!mayCompile()) {
      return undefined; // compiled at a later run
    }
    let customSerializers = serializers.get(request.schema);
    if (!customSerializers) {
      customSerializers = leafSerializers(request.schema);
      serializers.set(request.schema, customSerializers);
    }
    const query = compile(request.schema, request.document, operation.name?.value, {
      // Every scalar and enum through its own `serialize`, as graphql-js does (DateTime, enums' values).
      disableLeafSerialization: false,
      customSerializers,
    });
    if (!isCompiledQuery(query)) {
      plans.set(operation, false);
      return undefined;
    }
    const next = { query, inLiterals: variablesInLiterals(request.document) };
    compiledPlans.set(operation, next, { size: retainedSize(request.document) });
    return next;
  };

  return async (request) => {
    const { operation } = request;
    const plan = operation ? planFor(request, operation) : undefined;
    if (!operation || !plan) {
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
    // A variable inside an input object or list literal that the request leaves out or sets to null:
    // graphql-js leaves the field out (or gives its default) or refuses a null in a non-null place,
    // graphql-jit passes null.
    if (plan.inLiterals.some((name) => variables[name] === undefined || variables[name] === null)) {
      return interpret(request);
    }
    const result = await plan.query.query(undefined, request.context, variables);
    if (!('data' in result)) {
      return interpret(request); // graphql-jit refused variables graphql-js accepted: let graphql-js run it
    }
    // graphql-jit completes what graphql-js stops at under a nulled parent (more errors, in another
    // order): an answer with errors is graphql-js's own (queries only read; errors are the rare path),
    // with loaders of its own, as a new request has (their state, an occurrence budget, is not carried over;
    // the request's kept work, drafting's history budget, is).
    return result.errors ? interpret({ ...request, context: withFreshLoaders(request.context) }) : result;
  };
}

/** Scalars graphql-jit copies defaults of as they are (JSON): a `DateTime` default would reach resolvers as text. */
const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/**
 * Whether the document holds what graphql-jit reads otherwise than graphql-js, or is better left to it:
 * - schema reads (`__schema`, `__type`): rare and large;
 * - `@skip` or `@include`: graphql-jit writes their conditions onto the document's field nodes and joins
 *   every condition it meets for a node, so a fragment spread under `@include(if: $x)` in one place (or
 *   in another operation of the same document, which Apollo keeps for every request of that text) also
 *   hid the fragment's fields where it is spread unconditionally;
 * - an alias with `_`: graphql-jit names each field's resolve info by its response path joined with
 *   `_`, so `policeForceArea_network` took the info of `network { policeForceArea }` (its parent type,
 *   name and selection); and a `__proto__` alias, which in an object literal sets the prototype;
 * - a variable named `__…` (`$__proto__` never reached the arguments), or one of a custom scalar with a
 *   default (graphql-jit passes the default as JSON: a `DateTime` as text, not a Date).
 */
function jitReadsOtherwise(document: DocumentNode): boolean {
  let found = false;
  const hit = (yes: boolean): unknown => {
    found ||= yes;
    return yes ? BREAK : undefined;
  };
  visit(document, {
    [Kind.FIELD]: (field) =>
      hit(field.name.value === '__schema' || field.name.value === '__type' || !!field.alias?.value.includes('_')),
    [Kind.DIRECTIVE]: (directive) => hit(directive.name.value === 'skip' || directive.name.value === 'include'),
    [Kind.VARIABLE_DEFINITION]: (definition) => {
      let type = definition.type;
      while (type.kind !== Kind.NAMED_TYPE) {
        type = type.type;
      }
      return hit(
        definition.variable.name.value.startsWith('__') ||
          (definition.defaultValue !== undefined && !BUILT_IN_SCALARS.has(type.name.value)),
      );
    },
  });
  return found;
}

/** graphql-jit's marker strings (`__MAGIC_DATE__…`), which it turns back into code in the source it generates. */
const JIT_MARKER = '__MAGIC_';

/**
 * Whether any string or name in the document spells a graphql-jit marker. graphql-jit writes literal
 * argument values into the source it generates (`JSON.stringify`) and then replaces
 * `"__MAGIC_DATE__<uuid><anything>"` with `new Date(<anything>)`: a literal spelling it would run as
 * code. Such documents are never compiled. Decoded values are read (escapes, block strings).
 */
export function spellsJitMarker(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (string) => {
      if (string.value.includes(JIT_MARKER)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
    [Kind.NAME]: (name) => {
      if (name.value.includes(JIT_MARKER)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The variables used inside input object or list literals (`filter: { status: $status }`,
 * `statuses: [$status]`), anywhere in the document.
 */
function variablesInLiterals(document: DocumentNode): string[] {
  const names = new Set<string>();
  let depth = 0;
  const literal = {
    enter: () => {
      depth++;
    },
    leave: () => {
      depth--;
    },
  };
  visit(document, {
    [Kind.OBJECT]: literal,
    [Kind.LIST]: literal,
    [Kind.VARIABLE]: (variable) => {
      if (depth > 0) {
        names.add(variable.name.value);
      }
    },
  });
  return [...names];
}

/**
 * Each scalar's and enum's `serialize` as graphql-js calls it (`completeLeafValue`): a nullish result
 * is an error, not a null (an answer with errors is then graphql-js's own, see `compiledExecutor`).
 */
function leafSerializers(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  const leaves = Object.values(schema.getTypeMap()).filter((type): type is GraphQLLeafType => isLeafType(type));
  return Object.fromEntries(
    leaves.map((type) => {
      const serialize = (value: unknown): unknown => {
        const serialized = type.serialize(value);
        if (serialized === null || serialized === undefined) {
          throw new Error(`${inspect(type)}.serialize(${inspect(value)}) returned ${inspect(serialized)}`);
        }
        return serialized;
      };
      return [type.name, isEnumType(type) ? (enumSerializer(type) ?? serialize) : serialize];
    }),
  );
}

/**
 * An enum's `serialize` for values that are strings: a switch over them, where graphql-js looks
 * each up in a Map (hashing every value read from the database, a string made for this row); any
 * other value goes to graphql-js's own (which refuses it). Undefined where a value is not a string,
 * or past SWITCHED_VALUES values (a long switch compares more than a Map hashes). A value named
 * twice is the last name's, as in graphql-js's Map. Quoted as JSON strings (the schema's own).
 */
function enumSerializer(type: GraphQLEnumType): ((value: unknown) => unknown) | undefined {
  const values = type.getValues();
  if (values.length > SWITCHED_VALUES || !values.every((v) => typeof v.value === 'string')) {
    return undefined;
  }
  const names = new Map(values.map((v) => [v.value as string, v.name]));
  const cases = [...names].map(([value, name]) => `case ${JSON.stringify(value)}: return ${JSON.stringify(name)};`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the schema's own names and values, quoted
  const make = new Function(
    'otherwise',
    `return (value) => { switch (value) { ${cases.join(' ')} default: return otherwise(value); } };`,
  );
  return (make as (otherwise: (value: unknown) => unknown) => (value: unknown) => unknown)((value) =>
    type.serialize(value),
  );
}

/** Enums serialised by a switch at most this long (most of ours have 2–8 values; activity verbs 74). */
const SWITCHED_VALUES = 16;

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
    private readonly known: KnownOperations,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
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
    await completeSharedListsOnce();
    // Learning what it answers: the HTTP fast lane runs those again with this executor.
    internals.gatewayExecutor = this.known.learning(
      compiledExecutor({ compileAfter: this.config.GRAPHQL_COMPILE_AFTER }),
    );
  }
}
