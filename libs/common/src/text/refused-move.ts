/**
 * Why a status change is refused, and what the status may become instead, e.g. "The joint
 * position is AGREED, so it cannot become CONSULTATION: from AGREED it can become DRAFTING or
 * WITHDRAWN". Worded around the status (never "a AGREED …").
 */
export function refusedMove(subject: string, from: string, to: string, allowed: readonly string[]): string {
  const next =
    allowed.length === 0
      ? `${from} is final`
      : `from ${from} it can become ${allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : allowed[0]}`;
  return `The ${subject} is ${from}, so it cannot become ${to}: ${next}`;
}
