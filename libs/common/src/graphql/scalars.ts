import { GraphQLLocalDate } from 'graphql-scalars';

/** A calendar date without time or zone, `YYYY-MM-DD` (ISO 8601). */
export const LocalDate = GraphQLLocalDate;
