/**
 * The conditions of a `WHERE` clause and their parameters, numbered `$1`… as they are added: for a
 * hot read written as plain SQL (a named statement) whose filters vary.
 */
export class SqlConditions {
  readonly conditions: string[] = [];
  readonly parameters: unknown[] = [];

  /** Adds a condition on these values: `condition` gets their placeholders. */
  and(condition: (...placeholders: string[]) => string, ...values: unknown[]): this {
    const placeholders = values.map((value) => `$${this.parameters.push(value)}`);
    this.conditions.push(condition(...placeholders));
    return this;
  }
}

/** ` WHERE a AND b`, or nothing for no condition. */
export const sqlWhere = (conditions: readonly string[]): string =>
  conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
