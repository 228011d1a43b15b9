import { type Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { encodeCursor, type Keyset } from './cursor';

@ObjectType('PageInfo', { description: 'Where a page sits in its list.' })
export class PageInfo {
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of this page; pass it as `after` for the next page.',
  })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Defines `<Name>Connection` and `<Name>Edge` types for a node type. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field({ description: 'Opaque position of this item, for `after`.' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Items in the whole list (all pages), with the same filter.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/**
 * Builds a connection from one page fetched with `limit + 1` rows (the extra row only
 * tells whether a next page exists).
 */
export function toConnection<T>(
  rows: T[],
  limit: number,
  totalCount: number,
  position: (row: T) => Keyset,
): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => new PositionedEdge(node, position));
  return {
    edges,
    pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > limit },
    totalCount,
  };
}

/**
 * An edge whose cursor is made when it is read: most queries list the nodes without their cursors
 * (a page of 100 organisations spent 2 % of its CPU encoding 100 cursors nobody asked for).
 */
class PositionedEdge<T> implements Edge<T> {
  readonly #position: (row: T) => Keyset;

  constructor(
    readonly node: T,
    position: (row: T) => Keyset,
  ) {
    this.#position = position;
  }

  get cursor(): string {
    return encodeCursor(this.#position(this.node));
  }
}
