import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { ActivityPanel } from '../components/activity-panel';
import { CoverageTable } from '../components/coverage-table';
import type { NationalArea } from '../components/coverage-types';
import { HexMap } from '../components/hex-map';
import { Legend } from '../components/legend';
import type { CoverageStatus } from '../gql/graphql';
import { onConnectionState } from '../lib/client';
import { NationalCoverageQuery } from '../lib/operations';
import { percent, whole } from '../lib/words';

// d3-geo and the boundaries load only when someone asks for the true shapes.
const TrueShapeMap = lazy(() => import('../components/true-shape-map'));

/** Refetches coverage at most this often while activity streams in. */
const REFETCH_GAP_MS = 150;
const FIRST_RENDER = 'convene:coverage-rendered';
/** Figures also age by the day (days since activity): a wall screen refetches now and then. */
const REFETCH_EVERY_MS = 5 * 60_000;

export function NationalPage(): React.JSX.Element {
  const [{ data, error, fetching }, refetch] = useQuery({ query: NationalCoverageQuery });
  const [view, setView] = useState<'hex' | 'shape'>('hex');
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), REFETCH_GAP_MS);
  useEffect(() => {
    // Changes made while the feed was away (before its first connection, or during a drop
    // without a cursor yet) reach the map through a refetch when it is back.
    const stopWatching = onConnectionState((state) => {
      if (state === 'connected') {
        refresh();
      }
    });
    const timer = setInterval(refresh, REFETCH_EVERY_MS);
    return () => {
      stopWatching();
      clearInterval(timer);
    };
  }, [refresh]);
  const areas = useMemo(
    () => new Map<string, NationalArea>((data?.coverage.areas ?? []).map((a) => [a.policeForceArea.code, a])),
    [data],
  );
  const national = data?.coverage.national;
  const hasData = Boolean(data);
  useEffect(() => {
    if (hasData && performance.getEntriesByName(FIRST_RENDER).length === 0) {
      performance.mark(FIRST_RENDER); // read by the browser tests: the map coloured, from navigation start
    }
  }, [hasData]);
  const counts: Record<CoverageStatus, number> = {
    GREEN: national?.green ?? 0,
    AMBER: national?.amber ?? 0,
    RED: national?.red ?? 0,
  };
  return (
    <>
      <h1>Local network coverage in England and Wales</h1>
      {error && !data ? (
        <p role="alert">The coverage could not be loaded ({error.message}). It will retry with the next change.</p>
      ) : null}
      <section aria-labelledby="rollup-heading" className="rollup">
        <h2 id="rollup-heading" className="visually-hidden">
          National roll-up
        </h2>
        <dl data-testid="rollup">
          <div>
            <dt>Areas with an active network</dt>
            <dd>{national ? `${national.areasWithActiveNetwork} of ${national.areaCount}` : fetching ? '…' : '—'}</dd>
          </div>
          <div>
            <dt>Population reached</dt>
            <dd>
              {national
                ? `${percent(national.populationReachedShare)} (${whole(national.populationReached)} of ${whole(national.population)})`
                : '…'}
            </dd>
          </div>
          <div>
            <dt>Green / amber / red</dt>
            <dd>{national ? `${national.green} / ${national.amber} / ${national.red}` : '…'}</dd>
          </div>
        </dl>
      </section>
      <div className="national-grid">
        <section aria-labelledby="map-heading" className="map-section">
          <div className="map-head">
            <h2 id="map-heading">Coverage map</h2>
            <div role="group" aria-label="Map view" className="toggle">
              <button type="button" aria-pressed={view === 'hex'} onClick={() => setView('hex')}>
                Hex map
              </button>
              <button type="button" aria-pressed={view === 'shape'} onClick={() => setView('shape')}>
                True shapes
              </button>
            </div>
          </div>
          <Legend counts={counts} />
          {view === 'hex' ? (
            <HexMap areas={areas} />
          ) : (
            <Suspense fallback={<p role="status">Loading the map…</p>}>
              <TrueShapeMap areas={areas} />
            </Suspense>
          )}
          <p className="muted small">
            Tab to an area for its status and reasons; Enter opens it. The table below holds the same data.
          </p>
        </section>
        <ActivityPanel scope={{ kind: 'NATIONAL' }} title="Live activity, nationally" onItem={refresh} />
      </div>
      {data ? <CoverageTable areas={data.coverage.areas} specialisms={data.specialisms} /> : null}
    </>
  );
}

/** Calls `action` at once, then at most once per `gap` while calls keep coming (the last is never lost). */
function useThrottled(action: () => void, gap: number): () => void {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
      }
    },
    [],
  );
  return useCallback(() => {
    const wait = last.current + gap - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      actionRef.current();
    } else if (!timer.current) {
      timer.current = setTimeout(() => {
        timer.current = null;
        last.current = Date.now();
        actionRef.current();
      }, wait);
    }
  }, [gap]);
}
