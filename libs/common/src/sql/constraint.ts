/** The name of the database constraint (or constraint trigger) a failed statement violated, if any. */
export function violatedConstraint(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { constraint?: unknown } } | null)?.driverError ?? error;
  const constraint = (driverError as { constraint?: unknown } | null)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}
