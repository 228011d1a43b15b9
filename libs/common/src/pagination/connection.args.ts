import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Forward pagination, as Relay connections do it. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field({ nullable: true, description: 'Return items after this cursor (`pageInfo.endCursor` of the previous page).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

/** Page sizes a limit is rounded up to (plus the row telling whether a next page exists). */
const PAGE_LIMITS = [1, 5, 10, 20, 25, 50, MAX_PAGE_SIZE].map((size) => size + 1);

/**
 * `LIMIT n` for a page of `first`, written into the statement rather than sent as a parameter: for an
 * unknown limit PostgreSQL's generic plan counts on reading a tenth of the table, never looks cheaper
 * than a plan for the value, and a named statement was planned anew on every page. Rounded up to one
 * of a few sizes (at least `first + 1` rows: one more tells whether a next page exists; the caller
 * keeps what it needs), so a client cycling through page sizes makes at most seven statements of a
 * query prepared on each connection, not a hundred.
 */
export function pageLimit(first: number): string {
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new RangeError(`a page holds 1–${MAX_PAGE_SIZE} items, not ${first}`);
  }
  return `LIMIT ${PAGE_LIMITS.find((rows) => rows > first) as number}`;
}
