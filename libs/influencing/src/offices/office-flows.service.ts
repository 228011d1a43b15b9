import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { type ActorRef, DomainError, todayIn, UK_TIME_ZONE } from '@app/common';
import { Certainty, GovernanceService } from '@app/geography';
import { OfficeHolderEntity } from '../office.entities';
import { areaOf, type LockedArea } from './area-lock';
import type { PlanGovernanceChangeInput, RecordOfficeHolderInput, UpdateOfficeHolderInput } from './dto/office.input';
import { type GovernancePeriodRow, OfficeService } from './office.service';

export interface GovernanceChange {
  readonly area: LockedArea;
  readonly period: GovernancePeriodRow;
}

/**
 * Office-holders and planned changes of governance (platform admins, by the operation policy).
 * Every change locks its area first, so the rules read here still hold when it commits.
 */
@Injectable()
export class OfficeFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly offices: OfficeService,
    private readonly governance: GovernanceService,
  ) {}

  recordHolder(viewer: ActorRef, input: RecordOfficeHolderInput): Promise<OfficeHolderEntity> {
    const termEnd = input.termEnd ?? null;
    assertTermOrdered(input.termStart, termEnd);
    const target = areaOf({ code: input.policeForceAreaCode }, 'input.policeForceAreaCode');
    return this.activity.transactionOn(target, async ({ tx, row: area, record }) => {
      const term = { areaId: area.id, title: input.title, termStart: input.termStart, termEnd };
      await assertNoOverlap(tx, term, null, 'input.termStart');
      const { id } = await tx.save(
        tx.create(OfficeHolderEntity, {
          policeForceAreaId: area.id,
          name: input.name,
          title: input.title,
          party: input.party ?? null,
          termStart: input.termStart,
          termEnd,
        }),
      );
      const holder = await tx.findOneByOrFail(OfficeHolderEntity, { id });
      await record({
        verb: ActivityVerb.OFFICE_HOLDER_RECORDED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: viewer.personId ?? null,
        policeForceAreaCode: area.code,
        payload: { officeHolderId: id, ...holderFacts(holder) },
      });
      return holder;
    });
  }

  /** Corrects a holder; fields left out keep their value, and a change to nothing records nothing. */
  async updateHolder(viewer: ActorRef, input: UpdateOfficeHolderInput): Promise<OfficeHolderEntity> {
    const found = await this.offices.holderById(input.officeHolderId);
    if (!found) {
      throw DomainError.unknown('input.officeHolderId', 'is not an office-holder');
    }
    const target = areaOf({ id: found.policeForceAreaId }, 'input.officeHolderId');
    return this.activity.transactionOn(target, async ({ tx, row: area, record }) => {
      const holder = await tx.findOneByOrFail(OfficeHolderEntity, { id: found.id }); // as of the lock
      const next = {
        name: input.name ?? holder.name,
        party: input.party === undefined ? holder.party : input.party,
        termEnd: input.termEnd === undefined ? holder.termEnd : input.termEnd,
      };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== holder[k]);
      if (changed.length === 0) {
        record.unchanged();
        return holder;
      }
      if (next.termEnd !== holder.termEnd) {
        assertTermOrdered(holder.termStart, next.termEnd);
        const term = { areaId: area.id, title: holder.title, termStart: holder.termStart, termEnd: next.termEnd };
        await assertNoOverlap(tx, term, holder.id, 'input.termEnd');
      }
      await tx.update(OfficeHolderEntity, { id: holder.id }, next);
      const updated = await tx.findOneByOrFail(OfficeHolderEntity, { id: holder.id });
      await record({
        verb: ActivityVerb.OFFICE_HOLDER_UPDATED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: viewer.personId ?? null,
        policeForceAreaCode: area.code,
        payload: { officeHolderId: holder.id, changed, ...holderFacts(updated) },
      });
      return updated;
    });
  }

  /**
   * Ends the area's open governance period at `since` and opens the new office's from then (a
   * future date plans the change: PCCs are due to give way to mayors and boards from 2028).
   */
  planGovernanceChange(viewer: ActorRef, input: PlanGovernanceChangeInput): Promise<GovernanceChange> {
    const target = areaOf({ code: input.policeForceAreaCode }, 'input.policeForceAreaCode');
    return this.activity.transactionOn(target, async ({ tx, row: area, record }) => {
      const [open] = (await this.offices.periodsOf([area.id], tx)).filter((p) => p.until === null);
      if (!open) {
        throw DomainError.invalidInput('input.policeForceAreaCode', 'has no open governance period to end');
      }
      if (open.since !== null && input.since <= open.since) {
        throw DomainError.invalidInput('input.since', `must be after ${open.since}, when the current office began`);
      }
      const id = randomUUID();
      const certainty = input.certainty ?? (input.since > todayIn(UK_TIME_ZONE) ? Certainty.MEDIUM : Certainty.HIGH);
      await this.governance.succeed(tx, open.id, {
        id,
        policeForceAreaId: area.id,
        type: input.type,
        office: input.office,
        since: input.since,
        certainty,
        notes: input.notes ?? null,
      });
      await record({
        verb: ActivityVerb.GOVERNANCE_CHANGE_PLANNED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: viewer.personId ?? null,
        policeForceAreaCode: area.code,
        payload: {
          type: input.type,
          office: input.office,
          since: input.since,
          replaces: { type: open.type, office: open.office, since: open.since },
        },
      });
      return { area: { id: area.id, code: area.code }, period: await this.governance.periodById(tx, id) };
    });
  }
}

function assertTermOrdered(termStart: string, termEnd: string | null): void {
  if (termEnd !== null && termEnd <= termStart) {
    throw DomainError.invalidInput('input.termEnd', `must be after the start of the term (${termStart})`);
  }
}

/** Two holders of one title in an area may not serve at once (terms are half-open). */
async function assertNoOverlap(
  tx: EntityManager,
  term: { areaId: string; title: string; termStart: string; termEnd: string | null },
  exceptId: string | null,
  field: string,
): Promise<void> {
  const [clash] = await tx.query<{ name: string; term_start: string; term_end: string | null }[]>(
    `SELECT name, term_start::text, term_end::text FROM office_holder
      WHERE police_force_area_id = $1 AND title = $2 AND ($5::uuid IS NULL OR id <> $5::uuid)
        AND daterange(term_start, term_end, '[)') && daterange($3::date, $4::date, '[)')
      ORDER BY term_start LIMIT 1`,
    [term.areaId, term.title, term.termStart, term.termEnd, exceptId],
  );
  if (clash) {
    throw DomainError.invalidInput(
      field,
      `overlaps the term of ${clash.name} as ${term.title} (${clash.term_start} to ${clash.term_end ?? 'open-ended'})`,
    );
  }
}

const holderFacts = (holder: OfficeHolderEntity): Record<string, unknown> => ({
  name: holder.name,
  title: holder.title,
  party: holder.party,
  termStart: holder.termStart,
  termEnd: holder.termEnd,
});
