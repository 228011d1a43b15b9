export * from './errors';
export * from './graphql';
export * from './project-root';
export * from './time/calendar-date';
export * from './pagination';
export * from './seed-id';
export * from './sql/like';
export * from './sql/constraint';
