import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';

/**
 * The resolver Nest's code-first schema gives every field of an object type that has none of its
 * own (@nestjs/graphql 14, `ObjectTypeDefinitionFactory.createFieldResolver`), whitespace collapsed:
 * it reads the property and puts the field's `defaultValue` where it is undefined.
 */
const NEST_PROPERTY_READ =
  "(root) => { const value = root[field.name]; return typeof value === 'undefined' ? field.options.defaultValue : value; }";

const collapsed = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The property a Nest property read reads, where it gives that property as it is (no default):
 * run once on an object that has no properties and records what is read.
 */
function plainlyRead(resolve: GraphQLFieldResolver<unknown, unknown>): PropertyKey | undefined {
  const read: PropertyKey[] = [];
  const empty = new Proxy(
    {},
    {
      get: (_target, property) => {
        read.push(property);
        return undefined;
      },
    },
  );
  const value: unknown = (resolve as (root: unknown) => unknown)(empty);
  return value === undefined && read.length === 1 ? read[0] : undefined;
}

/**
 * Takes Nest's property reads off the fields whose property has the field's name and no default:
 * graphql-jit then compiles each such field to a property read in the answer's object literal,
 * where for a field with a resolver it calls it through its promise handling with a resolve info
 * and a response path made for each item (about 1.4 kB per list item, most of a list's garbage);
 * graphql-js reads them with its default resolver (the same read; it would also call a method
 * there, and models hold values: docs/architecture.md). Fields with resolvers of their
 * own (`@ResolveField`, roots), a default, another property name or field middleware keep theirs.
 * Returns the schema it was given, changed in place.
 */
export function withPlainFieldReads(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (resolve && collapsed(resolve.toString()) === NEST_PROPERTY_READ && plainlyRead(resolve) === field.name) {
        field.resolve = undefined;
      }
    }
  }
  return schema;
}
