import { useMemo, useState } from 'react';
import { hexLayout } from '../lib/hexmap';
import { followLink, paths } from '../lib/router';
import { AreaTooltip } from './area-tooltip';
import { areaLabel, type NationalArea } from './coverage-types';
import { fillOf } from './patterns';

/**
 * The 318 districts as hexes, each area's hexes outlined together and filled by its status.
 * Each area is one link (43 tab stops, not 318): focus or hover shows its reasons; Enter opens it.
 */
export function HexMap({ areas }: { areas: ReadonlyMap<string, NationalArea> }): React.JSX.Element {
  const layout = useMemo(hexLayout, []);
  const [active, setActive] = useState<string | null>(null);
  const shape = layout.areas.find((a) => a.code === active);
  const activeArea = active ? areas.get(active) : undefined;
  return (
    <div className="map-frame">
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        className="map"
        role="group"
        aria-label="Hex map of the 43 police force areas of England and Wales, one hexagon per local authority district"
        data-testid="hex-map"
      >
        {layout.areas.map((area) => {
          const coverage = areas.get(area.code);
          return (
            <a
              key={area.code}
              href={paths.area(area.code)}
              onClick={followLink}
              className="map-area"
              data-area={area.code}
              data-status={coverage?.status ?? 'UNKNOWN'}
              aria-label={areaLabel(coverage, area.name)}
              aria-describedby={active === area.code ? 'map-tooltip' : undefined}
              onFocus={() => setActive(area.code)}
              onBlur={() => setActive((now) => (now === area.code ? null : now))}
              onMouseEnter={() => setActive(area.code)}
              onMouseLeave={() => setActive((now) => (now === area.code ? null : now))}
            >
              {area.districts.map((district) => (
                <polygon
                  key={district.code}
                  points={district.points}
                  fill={fillOf(coverage?.status)}
                  className="district"
                  data-district={district.code}
                >
                  <title>{`${district.name} (${area.name})`}</title>
                </polygon>
              ))}
              <path d={area.outline} className="area-outline" />
            </a>
          );
        })}
      </svg>
      {shape && activeArea ? (
        <AreaTooltip
          area={activeArea}
          x={(shape.centre.x / layout.width) * 100}
          y={(shape.centre.y / layout.height) * 100}
        />
      ) : null}
    </div>
  );
}
