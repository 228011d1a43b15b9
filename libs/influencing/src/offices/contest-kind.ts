import { GovernanceType, periodOn } from '@app/geography';
import { ElectionKind } from '../influencing.enums';

/** Winners take office the week after polling day; the office holding the functions then is what was elected. */
export const TAKES_OFFICE_AFTER_DAYS = 7;

/** Who held an area's functions from `since` (inclusive) to `until` (exclusive); null bounds are open. */
export interface GovernanceSpan {
  readonly type: GovernanceType;
  readonly since: string | null;
  readonly until: string | null;
}

/**
 * Which office a round of `kind` elects in an area whose governance on the day winners take office
 * is `periods`; null when the round elects nobody there (a PCC round where a mayor or the City holds
 * the functions, a mayoral round where no mayor does).
 */
export function contestKindOn(
  kind: ElectionKind,
  periods: readonly GovernanceSpan[],
  takesOffice: string,
): ElectionKind | null {
  const type = periodOn(periods, takesOffice)?.type;
  if (kind === ElectionKind.MAYORAL) {
    const mayoral = type === GovernanceType.MAYOR_PCC_FUNCTIONS || type === GovernanceType.MAYOR_PFCC_FUNCTIONS;
    return mayoral ? ElectionKind.MAYORAL : null;
  }
  if (type === GovernanceType.PFCC) {
    return ElectionKind.PFCC;
  }
  return type === GovernanceType.PCC && kind === ElectionKind.PCC ? ElectionKind.PCC : null;
}
