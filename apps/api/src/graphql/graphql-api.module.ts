import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config';
import { InputValidationPipe } from './input-validation.pipe';
import { formatError } from './format-error';
import { GraphqlExceptionFilter } from './graphql-exception.filter';
import { createRequestContext } from './request-context.factory';

export const GRAPHQL_PATH = '/graphql';

// Our CommonJS build sees @apollo/server's CJS typings, @nestjs/apollo its ESM ones: same runtime object.
type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/** GraphQL over HTTP (Apollo) and WebSocket (graphql-ws) on one path, with one error mapping. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ApolloDriverConfig => ({
        path: GRAPHQL_PATH,
        autoSchemaFile: true,
        sortSchema: true,
        graphiql: false, // served offline by GraphqlIdeModule instead of from a CDN
        introspection: !config.isProduction || config.graphqlIde,
        includeStacktraceInErrorResponses: false,
        formatError,
        context: createRequestContext,
        subscriptions: { 'graphql-ws': { path: GRAPHQL_PATH } },
        // Cache hints are unused (responses are per user), and the plugin wraps every field resolver.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed by the nodenext build only
        plugins: [ApolloServerPluginCacheControlDisabled() as unknown as ApolloPlugin],
      }),
    }),
  ],
  providers: [
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
  ],
})
export class GraphqlApiModule {}
