import type { NationalCoverageQuery } from '../gql/graphql';

export type NationalArea = NationalCoverageQuery['coverage']['areas'][number];

/** What a map says about an area, for its accessible name. */
export function areaLabel(area: NationalArea | undefined, name: string): string {
  if (!area) {
    return `${name}: coverage loading`;
  }
  return `${area.policeForceArea.displayName}: ${area.status.toLowerCase()}, ${area.reasons.length ? area.reasons.join('; ') : 'no gaps found'}`;
}
