import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { asLiveWork, DomainError } from '@app/common';
import { DraftPresenceEntity } from './drafting.entities';

/** One person's presence in a draft, as others see it. */
export interface Presence {
  readonly presenceId: string;
  readonly personId: string;
  readonly sectionId: string | null;
  readonly editing: boolean;
}

const REFRESH_MS = 10_000;
/** A row not refreshed for this long belongs to a connection that is gone (its instance died). */
const STALE_SECONDS = 30;
const POLL_MS = 1_000;

/**
 * Presence across instances, in PostgreSQL: each connection's row lives as long as its
 * subscription. Watchers of a draft on this instance share one read a second of every watched
 * draft, and hear only when the set changed.
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly instanceId = randomUUID();
  private readonly watchers = new Map<string, Set<(present: Presence[]) => void>>();
  private readonly last = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;
  private polling = false;

  constructor(@InjectRepository(DraftPresenceEntity) private readonly rows: Repository<DraftPresenceEntity>) {}

  async join(positionId: string, personId: string): Promise<string> {
    const { id } = await this.rows.save(this.rows.create({ positionId, personId, instanceId: this.instanceId }));
    return id;
  }

  /** Says where a person is in the draft; only the connection's own person may move it. */
  async move(presenceId: string, personId: string, sectionId: string | null, editing: boolean): Promise<Presence> {
    const result = await this.rows.update(
      { id: presenceId, personId },
      { sectionId, editing: editing && sectionId !== null, seenAt: () => 'now()' },
    );
    if (!result.affected) {
      throw DomainError.unknown('input.presenceId', 'is not an open presence of yours');
    }
    const row = await this.rows.findOneByOrFail({ id: presenceId });
    return toPresence(row);
  }

  async leave(presenceId: string): Promise<void> {
    await this.rows.delete({ id: presenceId });
  }

  /** Calls `listener` with the draft's presence whenever it changes (and once at the start). */
  watch(positionId: string, listener: (present: Presence[]) => void): () => void {
    const set = this.watchers.get(positionId) ?? new Set();
    set.add(listener);
    this.watchers.set(positionId, set);
    this.last.delete(positionId); // a new watcher hears the current set at the next read
    this.timer ??= setInterval(() => void asLiveWork(() => this.poll()), POLL_MS);
    this.timer.unref();
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.watchers.delete(positionId);
        this.last.delete(positionId);
      }
      if (this.watchers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  async present(positionIds: readonly string[]): Promise<Presence[]> {
    const rows = await this.rows
      .createQueryBuilder('p')
      .where('p.position_id = ANY(:positionIds)', { positionIds })
      .andWhere(`p.seen_at > now() - make_interval(secs => :stale)`, { stale: STALE_SECONDS })
      .orderBy('p.id')
      .getMany();
    return rows.map(toPresence).map((p, i) => Object.assign(p, { positionId: rows[i]?.positionId }));
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await this.rows.delete({ instanceId: this.instanceId }).catch(() => undefined);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.watchers.size === 0) {
      return;
    }
    this.polling = true;
    try {
      if (++this.ticks % (REFRESH_MS / POLL_MS) === 0) {
        await this.rows.update({ instanceId: this.instanceId }, { seenAt: () => 'now()' });
        await this.rows
          .createQueryBuilder()
          .delete()
          .where(`seen_at < now() - make_interval(secs => :stale)`, { stale: STALE_SECONDS })
          .execute();
      }
      const ids = [...this.watchers.keys()];
      const all = (await this.present(ids)) as (Presence & { positionId: string })[];
      for (const id of ids) {
        const present = all.filter((p) => p.positionId === id).map(toPublic);
        const key = JSON.stringify(present);
        if (this.last.get(id) !== key) {
          this.last.set(id, key);
          for (const listener of this.watchers.get(id) ?? []) {
            listener(present);
          }
        }
      }
    } catch {
      // The next tick reads again.
    } finally {
      this.polling = false;
    }
  }
}

const toPresence = (row: DraftPresenceEntity): Presence => ({
  presenceId: row.id,
  personId: row.personId,
  sectionId: row.sectionId,
  editing: row.editing,
});
const toPublic = ({ presenceId, personId, sectionId, editing }: Presence): Presence => ({
  presenceId,
  personId,
  sectionId,
  editing,
});
