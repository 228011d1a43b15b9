import type { CoverageStatus } from '../gql/graphql';

/** Fills that tell the statuses apart without colour: solid, stripes, dots. */
export function StatusPatterns(): React.JSX.Element {
  return (
    <defs>
      <pattern id="fill-AMBER" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="fill-amber" />
        <rect width="2" height="6" className="stripe" />
      </pattern>
      <pattern id="fill-RED" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="fill-red" />
        <circle cx="3" cy="3" r="1" className="dot" />
      </pattern>
      <pattern id="fill-GREEN" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="fill-green" />
      </pattern>
      <pattern id="fill-UNKNOWN" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="fill-unknown" />
      </pattern>
    </defs>
  );
}

export const fillOf = (status: CoverageStatus | undefined): string => `url(#fill-${status ?? 'UNKNOWN'})`;
