import { ElectionKind } from '../influencing.enums';
import { addDays } from '../offices/calendar-dates';
import { contestKindOn, type GovernanceSpan, TAKES_OFFICE_AFTER_DAYS } from '../offices/contest-kind';

/** A row of `seeds/influencing/election_polling_days.csv`. */
export interface PollingDay {
  readonly pollingDay: string;
  readonly kind: ElectionKind;
  readonly byElection: boolean;
  /** The area of a by-election; null for a national round. */
  readonly policeForceAreaCode: string | null;
  readonly notes: string | null;
}

export interface AreaGovernance extends GovernanceSpan {
  readonly code: string;
}

/** `elections_held` tokens of `pfa_governance_2024_2026.csv`, e.g. `PCC:2012`, `PCC_BY:2014`, `MAYOR:2017`. */
export interface ElectionHeld {
  readonly code: string;
  readonly office: 'PCC' | 'PFCC' | 'PCC_BY' | 'MAYOR';
  readonly year: number;
}

export interface DerivedRound extends PollingDay {
  readonly contests: readonly { readonly code: string; readonly kind: ElectionKind }[];
}

/** Parses one area's `elections_held` cell (`NONE` for none). */
export function parseElectionsHeld(code: string, cell: string): ElectionHeld[] {
  return cell
    .split(';')
    .map((token) => token.trim())
    .filter((token) => token && token !== 'NONE')
    .map((token) => {
      const match = /^(PCC|PFCC|PCC_BY|MAYOR):(\d{4})$/.exec(token);
      if (!match?.[1] || !match[2]) {
        throw new Error(`Unexpected elections_held token "${token}" for ${code}`);
      }
      return { code, office: match[1] as ElectionHeld['office'], year: Number(match[2]) };
    });
}

/**
 * The rounds on each polling day and the areas they contested: ordinary PCC rounds from the
 * governance periods, by-elections from the polling-day table (checked against the `PCC_BY`
 * tokens), mayoral rounds from the `MAYOR` tokens.
 */
export function deriveRounds(
  days: readonly PollingDay[],
  governance: readonly AreaGovernance[],
  held: readonly ElectionHeld[],
): DerivedRound[] {
  assertByElectionsAgree(days, held);
  const codes = [...new Set(governance.map((p) => p.code))].sort();
  return days.map((day) => {
    const takesOffice = addDays(day.pollingDay, TAKES_OFFICE_AFTER_DAYS);
    const candidates = day.byElection
      ? [required(day.policeForceAreaCode, `by-election of ${day.pollingDay}`)]
      : day.kind === ElectionKind.MAYORAL
        ? mayoralAreas(day, held)
        : codes;
    const contests = candidates.flatMap((code) => {
      const kind = contestKindOn(
        day.kind,
        governance.filter((p) => p.code === code),
        takesOffice,
      );
      if (!kind && day.byElection) {
        throw new Error(`By-election of ${day.pollingDay} in ${code}, where no commissioner was elected`);
      }
      return kind ? [{ code, kind }] : [];
    });
    return { ...day, contests };
  });
}

function mayoralAreas(day: PollingDay, held: readonly ElectionHeld[]): string[] {
  const year = Number(day.pollingDay.slice(0, 4));
  return held.filter((h) => h.office === 'MAYOR' && h.year === year).map((h) => h.code);
}

function assertByElectionsAgree(days: readonly PollingDay[], held: readonly ElectionHeld[]): void {
  const fromDays = days
    .filter((d) => d.byElection)
    .map((d) => `${d.policeForceAreaCode}:${d.pollingDay.slice(0, 4)}`)
    .sort();
  const fromTokens = held
    .filter((h) => h.office === 'PCC_BY')
    .map((h) => `${h.code}:${h.year}`)
    .sort();
  if (fromDays.join() !== fromTokens.join()) {
    throw new Error(
      `By-elections disagree: polling days ${fromDays.join(', ')}; elections_held ${fromTokens.join(', ')}`,
    );
  }
  const mayoralYears = new Set(
    days.filter((d) => d.kind === ElectionKind.MAYORAL && !d.byElection).map((d) => d.pollingDay.slice(0, 4)),
  );
  const missing = held.filter((h) => h.office === 'MAYOR' && !mayoralYears.has(String(h.year)));
  if (missing.length) {
    throw new Error(`No mayoral polling day for ${missing.map((h) => `${h.code}:${h.year}`).join(', ')}`);
  }
}

function required(value: string | null, what: string): string {
  if (!value) {
    throw new Error(`Seed is missing the area of the ${what}`);
  }
  return value;
}
