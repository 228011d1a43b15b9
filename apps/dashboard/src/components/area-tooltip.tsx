import type { NationalArea } from './coverage-types';
import { STATUS_WORDS } from '../lib/words';

/** The status of the focused or hovered area and its reasons, beside the map. */
export function AreaTooltip({ area, x, y }: { area: NationalArea; x: number; y: number }): React.JSX.Element {
  const words = STATUS_WORDS[area.status];
  return (
    <div className="tooltip" role="tooltip" id="map-tooltip" style={{ left: `${x}%`, top: `${y}%` }}>
      <strong>{area.policeForceArea.displayName}</strong>
      <div>
        {words.label}: {words.meaning}
      </div>
      {area.reasons.length > 0 ? (
        <ul>
          {area.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : (
        <div>No gaps found</div>
      )}
    </div>
  );
}
