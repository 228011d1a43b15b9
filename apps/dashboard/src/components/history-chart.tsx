import type { CoverageStatus } from '../gql/graphql';
import { day, STATUS_WORDS } from '../lib/words';
import { fillOf } from './patterns';

interface Snapshot {
  date: string;
  status: CoverageStatus;
  localAuthoritiesReached: number;
  localAuthoritiesTotal: number;
}

const LEVEL: Record<CoverageStatus, number> = { RED: 1, AMBER: 2, GREEN: 3 };

/** One bar a day, as tall as the status is good; the changes are also listed in words. */
export function HistoryChart({ history }: { history: readonly Snapshot[] }): React.JSX.Element {
  if (history.length === 0) {
    return <p>No daily snapshots yet.</p>;
  }
  const width = 300;
  const height = 60;
  const bar = width / history.length;
  const changes = history.filter((s, i) => i === 0 || history[i - 1]?.status !== s.status);
  return (
    <figure className="history">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Status by day from ${day(history[0]?.date ?? '')}`}
      >
        {history.map((snapshot, i) => {
          const h = (LEVEL[snapshot.status] / 3) * (height - 4);
          return (
            <rect
              key={snapshot.date}
              x={i * bar}
              y={height - h}
              width={Math.max(bar - 0.5, 0.5)}
              height={h}
              fill={fillOf(snapshot.status)}
            />
          );
        })}
      </svg>
      <figcaption>
        {changes
          .map(
            (s) =>
              `${day(s.date)}: ${STATUS_WORDS[s.status].label} (${s.localAuthoritiesReached}/${s.localAuthoritiesTotal} authorities)`,
          )
          .join(' → ')}
      </figcaption>
    </figure>
  );
}
