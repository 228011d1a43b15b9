import { setImmediate } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import type { EventAccess } from './event-access';
import { EventEntity, EventOccurrenceChangeEntity } from './event.entities';
import { EventKind, EventStatus, PCC_EVENT_KINDS } from './event.enums';
import type { EventClash } from './event.model';
import { occurrencesOf } from './occurrences';
import { horizonFrom } from './schedule';

const MAX_CLASHES = 20;
/** Occurrences of a new series checked (about three years of a monthly meeting). */
const MAX_OWN_OCCURRENCES = 40;

const isPcc = (kind: EventKind): boolean => (PCC_EVENT_KINDS as readonly EventKind[]).includes(kind);

/**
 * Events overlapping this one (as it is in `tx`) that people would want warned of: any of the
 * same network, or, where either is a PCC hustings or engagement, any in the same area. Only
 * events the viewer may see are named. A warning, never a refusal.
 */
export async function findClashes(
  tx: EntityManager,
  event: EventEntity,
  access: EventAccess,
  /** Check only the occurrence starting then (one just moved); else the coming ones. */
  focus?: Date,
  now = new Date(),
): Promise<EventClash[]> {
  if (event.status !== EventStatus.SCHEDULED || (!event.networkId && !event.policeForceAreaId)) {
    return [];
  }
  const from = focus ?? new Date(Math.max(now.getTime(), event.startsAt.getTime()));
  const to = focus ? new Date(focus.getTime() + 1) : horizonFrom(from);
  const ownChanges = await changesOf(tx, [event.id]);
  const own = occurrencesOf(event, ownChanges, from, to, MAX_OWN_OCCURRENCES + ownChanges.length)
    .filter((o) => !o.cancelled && (!focus || o.startsAt.getTime() === focus.getTime()))
    .slice(0, MAX_OWN_OCCURRENCES);
  if (own.length === 0) {
    return [];
  }
  const last = own[own.length - 1].endsAt;
  const others = await tx
    .createQueryBuilder(EventEntity, 'e')
    .where('e.id <> :id AND e.status = :scheduled', { id: event.id, scheduled: EventStatus.SCHEDULED })
    .andWhere('e.starts_at < :last AND (e.recurrence_rule IS NOT NULL OR e.ends_at > :from)', { last, from })
    .andWhere(
      `(e.network_id = :networkId
        OR (e.police_force_area_id = :areaId AND (:pcc OR e.kind = ANY(:pccKinds::event_kind[]))))`,
      {
        networkId: event.networkId,
        areaId: event.policeForceAreaId,
        pcc: isPcc(event.kind),
        pccKinds: PCC_EVENT_KINDS,
      },
    )
    .getMany();
  const visible = others.filter((other) => access.canSee(other));
  const changes = await changesOf(
    tx,
    visible.map((o) => o.id),
  );
  const clashes: EventClash[] = [];
  for (const [i, other] of visible.entries()) {
    if (i % 10 === 9) {
      await setImmediate(); // many series nearby: let other requests run between them
    }
    const theirs = occurrencesOf(
      other,
      changes.filter((c) => c.eventId === other.id),
      from,
      last,
    ).filter((o) => !o.cancelled);
    for (const mine of own) {
      const overlap = theirs.find((o) => o.startsAt < mine.endsAt && o.endsAt > mine.startsAt);
      if (overlap) {
        clashes.push({
          event: other,
          startsAt: overlap.startsAt,
          endsAt: overlap.endsAt,
          overlapsOccurrenceStarting: mine.startsAt,
          reason: reasonFor(event, other),
        });
        break; // one warning per other event is enough to act on
      }
    }
  }
  return clashes.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, MAX_CLASHES);
}

export function reasonFor(event: EventEntity, other: EventEntity): string {
  if (event.networkId && other.networkId === event.networkId) {
    return 'another event of the same network at the same time';
  }
  const pcc = isPcc(other.kind) ? other : event;
  return `${pcc.kind === EventKind.PCC_HUSTINGS ? 'a PCC hustings' : 'a PCC engagement'} in the same area at the same time`;
}

function changesOf(tx: EntityManager, eventIds: string[]): Promise<EventOccurrenceChangeEntity[]> {
  return eventIds.length
    ? tx
        .createQueryBuilder(EventOccurrenceChangeEntity, 'c')
        .where('c.event_id = ANY(:eventIds)', { eventIds })
        .getMany()
    : Promise.resolve([]);
}
