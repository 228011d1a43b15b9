import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { type GraphQLWsSubscriptionsConfig, GraphQLModule } from '@nestjs/graphql';
import type { ServerOptions } from 'graphql-ws';
import {
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  GraphQLError,
  specifiedRules,
  validate,
} from 'graphql';
import { DataVersion, LiveRights } from '@app/activity';
import { DateTimeScalar } from '@app/common';
import { AuthService } from '@app/identity';
import { NetworksModule } from '@app/networks';
import { AppConfig } from '../config/app-config';
import { apolloLogger } from './apollo-logger';
import { OperationPolicies } from './authorization/operation-policy';
import { OperationPolicyGuard } from './authorization/operation-policy.guard';
import { InputValidationPipe } from './input-validation.pipe';
import { CompiledExecution } from './compiled-execution';
import { formatError } from './format-error';
import { KnownOperationMiddleware } from './known-operation.middleware';
import { KnownOperations } from './known-operations';
import { withPlainFieldReads } from './plain-field-reads';
import { REFUSAL_SCHEMA_TYPES } from './refusal-reasons';
import { Metrics } from '../metrics/metrics';
import { metricsPlugin } from '../metrics/metrics.plugin';
import { GraphqlExceptionFilter } from './graphql-exception.filter';
import { TrustProxy } from './protection/client-address';
import { MAX_CACHED_DOCUMENT_BYTES, retainedSize } from './protection/document-size';
import { graphqlOverHttpStatus } from './protection/graphql-over-http-status.plugin';
import { type QueryProtection, queryProtection, withCode } from './protection/query-limits';
import { WebSocketLimits, WebSocketLimitsModule } from './protection/websocket-limits';
import { WebSocketPayloadLimit } from './protection/websocket-payload-limit';
import {
  variablesError,
  variablesRefusal,
  VariablesShapeMiddleware,
  variablesShapePlugin,
} from './protection/variables-shape';
import { requestContextFactory } from './request-context.factory';
import { CachedResponseMiddleware, RESPONSE_STORE } from './response-cache/cached-response.middleware';
import { ResponseCacheModule } from './response-cache/response-cache.module';
import type { ResponseStore } from './response-cache/response-store';
import { stringifyResult, versionedResponseCache } from './response-cache/versioned-response-cache';
import { groupedSubscribe } from './subscriptions/grouped-subscribe';
import { SubscribeDocuments } from './subscriptions/subscribe-documents';
import { jsonReplacer, SharedPayloads } from './subscriptions/shared-payloads';

export const GRAPHQL_PATH = '/graphql';

/** Memory for the documents Apollo keeps parsed and validated (its default size, charged by what they hold). */
export const DOCUMENT_STORE_BYTES = 30 * 1024 * 1024;

// Our CommonJS build sees @apollo/server's CJS typings, @nestjs/apollo its ESM ones: same runtime object.
type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/**
 * graphql-ws sends errors as thrown: give them the codes and masking they get over HTTP. A result without
 * errors goes as it is: the same object for a whole group, serialised once (SharedPayloads).
 */
function formattedResult(result: ExecutionResult): FormattedExecutionResult | ExecutionResult {
  return result.errors?.length
    ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) }
    : result;
}

/**
 * graphql-ws gets none of Apollo's rules or plugins: give it the same limits, and the caps on
 * connections and operations. (Nest's type omits `parse` and `validate`, but passes every option
 * through to graphql-ws.)
 */
function graphqlWsOptions(
  protection: QueryProtection,
  limits: WebSocketLimits,
  liveRights: LiveRights,
  payloads: SharedPayloads,
): GraphQLWsSubscriptionsConfig {
  // Reconnecting dashboards send a handful of distinct documents: each parsed and validated once.
  const documents = new SubscribeDocuments((query) => protection.parse(query));
  const options: GraphQLWsSubscriptionsConfig &
    Pick<
      ServerOptions,
      'parse' | 'validate' | 'subscribe' | 'onOperation' | 'onComplete' | 'onNext' | 'onError' | 'jsonMessageReplacer'
    > = {
    path: GRAPHQL_PATH,
    // Executes each live item once per group of identical subscriptions (see grouped-subscribe.ts), and
    // ends every stream opened with credentials when they end.
    subscribe: groupedSubscribe((context, source) => liveRights.guard(context, source)),
    onConnect: limits.onConnect,
    // Streams that push their results (activity) have them written straight to the socket, formatted alike.
    onOperation: (ctx, id, payload, args, result) => limits.setUp(ctx, id, payload, args, result, formattedResult),
    onComplete: limits.ended,
    onNext: (_ctx, _id, _payload, _args, result) => formattedResult(result),
    jsonMessageReplacer: jsonReplacer(payloads),
    onError: (ctx, id, payload, errors) => {
      limits.ended(ctx, id, payload);
      limits.fellBehind(ctx, errors);
      // A stream's own failure (its original error kept); graphql-ws's protocol errors keep their words.
      return errors.some((error) => error.originalError)
        ? errors.map((error) => (error.originalError ? formatError(error.toJSON(), error) : error.toJSON()))
        : undefined;
    },
    // Token limit: a parse error thrown inside graphql-ws would close the socket, so answer it here.
    onSubscribe: (ctx, id, payload) => {
      const refusal = limits.tooManyOperations(ctx, id, payload);
      if (refusal) {
        return refusal;
      }
      const variables = variablesRefusal(payload.variables);
      if (variables) {
        const { message, extensions } = variablesError(variables);
        return [new GraphQLError(message, { extensions })];
      }
      try {
        documents.parse(payload.query);
        return undefined;
      } catch (error) {
        const parseError = error instanceof GraphQLError ? error : new GraphQLError(String(error));
        return [withCode(parseError, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
      }
    },
    parse: (source) => documents.parse(typeof source === 'string' ? source : source.body),
    // The same codes as over HTTP, so a client branches the same way on either transport.
    validate: (schema, document) =>
      documents.validated(schema, document, () =>
        validate(schema, document, [...specifiedRules, ...protection.validationRules]).map((error) =>
          withCode(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED),
        ),
      ),
  };
  return options;
}

/** GraphQL over HTTP (Apollo) and WebSocket (graphql-ws) on one path, with one error mapping. */
@Module({
  imports: [
    NetworksModule, // the operation policy looks up networks' convenors
    ResponseCacheModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [ResponseCacheModule, WebSocketLimitsModule],
      inject: [
        AppConfig,
        AuthService,
        DataVersion,
        RESPONSE_STORE,
        WebSocketLimits,
        LiveRights,
        Metrics,
        SharedPayloads,
      ],
      useFactory: (
        config: AppConfig,
        auth: AuthService,
        dataVersion: DataVersion,
        store: ResponseStore | null,
        limits: WebSocketLimits,
        liveRights: LiveRights,
        metrics: Metrics,
        payloads: SharedPayloads,
      ): ApolloDriverConfig => {
        const protection = queryProtection({ production: config.isProduction });
        return {
          path: GRAPHQL_PATH,
          autoSchemaFile: true,
          sortSchema: true,
          // Dates serialise through a memo of their ISO texts (same scalar, same schema).
          buildSchemaOptions: {
            orphanedTypes: REFUSAL_SCHEMA_TYPES,
            scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
          },
          // Plain fields read their property in graphql-jit's compiled code instead of through a resolver.
          transformSchema: withPlainFieldReads,
          graphiql: false, // served offline by GraphqlIdeModule instead of from a CDN
          introspection: !config.isProduction || config.graphqlIde,
          includeStacktraceInErrorResponses: false,
          logger: apolloLogger(),
          // Nest resets every execution error's status to 200; a database outage must stay a 503 so
          // that load balancers and clients retry. Only that error sets a status (the exception filter).
          preserveHttpStatusForExecutionErrors: false,
          formatError,
          stringifyResult,
          context: requestContextFactory(auth, config.TRUST_PROXY),
          parseOptions: protection.parseOptions,
          // Apollo's default charges a document the length of its JSON: ~400 bytes for a 100 kB body of
          // comments that holds ~3 MB, so 30 MiB of them could hold gigabytes.
          documentStore: new InMemoryLRUCache<DocumentNode>({
            maxSize: DOCUMENT_STORE_BYTES,
            maxEntrySize: MAX_CACHED_DOCUMENT_BYTES,
            sizeCalculation: retainedSize,
          }),
          validationRules: protection.validationRules,
          subscriptions: { 'graphql-ws': graphqlWsOptions(protection, limits, liveRights, payloads) },
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed by the nodenext build only
          plugins: [
            // Cache hints are unused (the response cache keys on the data version), and the plugin wraps every field resolver.
            ApolloServerPluginCacheControlDisabled(),
            metricsPlugin(metrics),
            graphqlOverHttpStatus(),
            variablesShapePlugin(),
            ...protection.plugins,
            ...(store ? [versionedResponseCache({ versions: () => dataVersion.versions(), store })] : []),
          ] as unknown as ApolloPlugin[],
        };
      },
    }),
  ],
  providers: [
    WebSocketPayloadLimit,
    KnownOperations,
    CompiledExecution,
    TrustProxy,
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
    OperationPolicies,
    { provide: APP_GUARD, useClass: OperationPolicyGuard },
  ],
})
export class GraphqlApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Variables bounded first (every later step walks them); cached answers, then queries Apollo has answered before, then Apollo.
    consumer
      .apply(VariablesShapeMiddleware, CachedResponseMiddleware, KnownOperationMiddleware)
      .forRoutes({ path: GRAPHQL_PATH, method: RequestMethod.POST });
  }
}
