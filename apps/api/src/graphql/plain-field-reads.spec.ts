import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import {
  Field,
  GraphQLSchemaBuilderModule,
  GraphQLSchemaFactory,
  ObjectType,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { execute, type GraphQLObjectType, type GraphQLSchema, parse } from 'graphql';
import { withPlainFieldReads } from './plain-field-reads';

@ObjectType()
class Authority {
  @Field()
  code!: string;

  @Field({ nullable: true })
  population?: number;

  @Field({ name: 'label' })
  title!: string;

  @Field({ nullable: true, defaultValue: 'UNKNOWN' })
  kind?: string;

  @Field()
  upper!: string;
}

@Resolver(() => Authority)
class AuthorityResolver {
  @Query(() => [Authority])
  authorities(): Authority[] {
    return [];
  }

  @ResolveField(() => String)
  upper(authority: Authority): string {
    return authority.code.toUpperCase();
  }
}

async function nestSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    return await app.get(GraphQLSchemaFactory).create([AuthorityResolver]);
  } finally {
    await app.close();
  }
}

describe('withPlainFieldReads', () => {
  let schema: GraphQLSchema;
  let fields: ReturnType<GraphQLObjectType['getFields']>;
  const kept = new Map<string, unknown>();

  beforeAll(async () => {
    schema = await nestSchema();
    const authority = schema.getType('Authority') as GraphQLObjectType;
    // As the app's schema comes to the transform: Nest's property read on every field, and the
    // @ResolveField's own resolver, which the app attaches and the schema factory alone does not.
    authority.getFields().upper.resolve = (root: Authority) => root.code.toUpperCase();
    for (const [name, field] of Object.entries(authority.getFields())) {
      expect(field.resolve).toBeDefined();
      kept.set(name, field.resolve);
    }
    withPlainFieldReads(schema);
    fields = authority.getFields();
  });

  it("takes Nest's property read off plain fields", () => {
    expect(fields.code.resolve).toBeUndefined();
    expect(fields.population.resolve).toBeUndefined();
  });

  it('keeps resolvers of their own, defaults and renamed properties', () => {
    expect(fields.upper.resolve).toBe(kept.get('upper'));
    expect(fields.kind.resolve).toBe(kept.get('kind'));
    expect(fields.label.resolve).toBe(kept.get('label'));
  });

  it('answers as before on graphql-js and graphql-jit', async () => {
    const rows = [
      { code: 'e06', title: 'Hartlepool', population: 92_000, kind: undefined },
      { code: 'e07', title: 'Adur', population: null, kind: 'DISTRICT' },
    ];
    schema.getQueryType()!.getFields().authorities.resolve = () => rows;
    const document = parse('{ authorities { code population label kind upper } }');
    const expected = {
      authorities: [
        { code: 'e06', population: 92_000, label: 'Hartlepool', kind: 'UNKNOWN', upper: 'E06' },
        { code: 'e07', population: null, label: 'Adur', kind: 'DISTRICT', upper: 'E07' },
      ],
    };
    expect(await execute({ schema, document })).toEqual({ data: expected });
    const compiled = compileQuery(schema, document);
    if (!isCompiledQuery(compiled)) {
      throw new Error('not compiled');
    }
    expect(await compiled.query(undefined, {}, {})).toEqual({ data: expected });
  });
});
