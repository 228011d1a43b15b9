import type { CommissionerOffice } from './office.model';
import type { GovernancePeriodRow } from './office.service';

/** A governance period as the office it names; `planned` when it starts after `today`. */
export function officeOf(period: GovernancePeriodRow, today: string): CommissionerOffice {
  return {
    type: period.type,
    name: period.office,
    since: period.since,
    until: period.until,
    certainty: period.certainty,
    notes: period.notes,
    planned: period.since !== null && period.since > today,
    policeForceAreaId: period.policeForceAreaId,
  };
}
