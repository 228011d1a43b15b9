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

/**
 * `LIMIT n` for a page of `first` (one more row tells whether a next page exists), written into the
 * statement rather than sent as a parameter: for an unknown limit PostgreSQL's generic plan counts on
 * reading a tenth of the table, never looks cheaper than a plan for the value, and a named statement
 * is planned anew on every page. At most MAX_PAGE_SIZE texts per statement.
 */
export function pageLimit(first: number): string {
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new RangeError(`a page holds 1–${MAX_PAGE_SIZE} items, not ${first}`);
  }
  return `LIMIT ${first + 1}`;
}
