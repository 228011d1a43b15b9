import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { useEffect, useMemo, useState } from 'react';
import boundariesUrl from '../../../../seeds/maps/ons_pfa20_boundaries_buc_wgs84_3dp.geojson?url';
import { followLink, paths } from '../lib/router';
import { AreaTooltip } from './area-tooltip';
import { areaLabel, type NationalArea } from './coverage-types';
import { fillOf } from './patterns';

type Boundaries = FeatureCollection<MultiPolygon, { PFA20CD: string; PFA20NM: string }>;

const WIDTH = 600;
const HEIGHT = 640;

/** The areas' true shapes (ONS generalised boundaries), loaded only when this view is chosen. */
export default function TrueShapeMap({ areas }: { areas: ReadonlyMap<string, NationalArea> }): React.JSX.Element {
  const [boundaries, setBoundaries] = useState<Boundaries | null>(null);
  const [failed, setFailed] = useState(false);
  const [active, setActive] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(boundariesUrl, { signal: controller.signal })
      .then((response) =>
        response.ok ? (response.json() as Promise<Boundaries>) : Promise.reject(new Error(String(response.status))),
      )
      .then(setBoundaries)
      .catch(() => {
        if (!controller.signal.aborted) {
          setFailed(true);
        }
      });
    return () => controller.abort();
  }, []);
  const shapes = useMemo(() => {
    if (!boundaries) {
      return [];
    }
    const projection = geoMercator().fitSize([WIDTH, HEIGHT], boundaries);
    const path = geoPath(projection);
    return boundaries.features.map((feature) => ({
      code: feature.properties.PFA20CD,
      name: feature.properties.PFA20NM,
      d: path(feature) ?? '',
      centre: path.centroid(feature),
    }));
  }, [boundaries]);
  if (failed) {
    return <p role="alert">The boundaries could not be loaded: use the hex map or the table.</p>;
  }
  if (!boundaries) {
    return <p role="status">Loading the boundaries…</p>;
  }
  const shape = shapes.find((s) => s.code === active);
  const activeArea = active ? areas.get(active) : undefined;
  return (
    <div className="map-frame">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="map"
        role="group"
        aria-label="Map of the 43 police force areas of England and Wales in their true shapes"
        data-testid="true-shape-map"
      >
        {shapes.map((s) => {
          const coverage = areas.get(s.code);
          return (
            <a
              key={s.code}
              href={paths.area(s.code)}
              onClick={followLink}
              className="map-area"
              data-area={s.code}
              data-status={coverage?.status ?? 'UNKNOWN'}
              aria-label={areaLabel(coverage, s.name)}
              aria-describedby={active === s.code ? 'map-tooltip' : undefined}
              onFocus={() => setActive(s.code)}
              onBlur={() => setActive((now) => (now === s.code ? null : now))}
              onMouseEnter={() => setActive(s.code)}
              onMouseLeave={() => setActive((now) => (now === s.code ? null : now))}
            >
              <path d={s.d} fill={fillOf(coverage?.status)} className="shape" />
            </a>
          );
        })}
      </svg>
      {shape && activeArea ? (
        <AreaTooltip area={activeArea} x={(shape.centre[0] / WIDTH) * 100} y={(shape.centre[1] / HEIGHT) * 100} />
      ) : null}
    </div>
  );
}
