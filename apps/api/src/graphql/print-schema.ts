import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { apiResolvers } from './api-resolvers';
import { REFUSAL_SCHEMA_TYPES } from './refusal-reasons';

const HEADER =
  '# Convene GraphQL API — generated from the code by `npm run schema:generate`; do not edit.\n' +
  '# CI fails when this file and the code disagree.\n\n';

/** The committed, sorted form of a schema. */
export function schemaText(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}

/** Builds the schema from the resolver classes alone (no database, no server). */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    return await app.get(GraphQLSchemaFactory).create(apiResolvers, { orphanedTypes: REFUSAL_SCHEMA_TYPES });
  } finally {
    await app.close();
  }
}
