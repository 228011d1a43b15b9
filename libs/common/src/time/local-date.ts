import { IsISO8601, Matches } from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MESSAGE = 'must be a calendar date YYYY-MM-DD';

/** A calendar date `YYYY-MM-DD` that exists (ISO 8601 alone would also take times and weeks). */
export const IsLocalDate =
  (): PropertyDecorator =>
  (target: object, property: string | symbol): void => {
    IsISO8601({ strict: true }, { message: MESSAGE })(target, property);
    Matches(LOCAL_DATE, { message: MESSAGE })(target, property);
  };
