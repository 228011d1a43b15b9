import type { CoverageStatus } from '../gql/graphql';
import { STATUS_WORDS } from '../lib/words';
import { fillOf } from './patterns';

const ORDER: CoverageStatus[] = ['GREEN', 'AMBER', 'RED'];

export function Legend({ counts }: { counts: Record<CoverageStatus, number> }): React.JSX.Element {
  return (
    <ul className="legend" aria-label="Legend">
      {ORDER.map((status) => (
        <li key={status}>
          <svg width="28" height="20" viewBox="0 0 28 20" aria-hidden="true" focusable="false">
            <rect x="1" y="1" width="26" height="18" fill={fillOf(status)} className="swatch" />
          </svg>
          <span>
            <strong>{STATUS_WORDS[status].label}</strong> ({STATUS_WORDS[status].pattern}):{' '}
            {STATUS_WORDS[status].meaning} — {counts[status]} {counts[status] === 1 ? 'area' : 'areas'}
          </span>
        </li>
      ))}
    </ul>
  );
}
