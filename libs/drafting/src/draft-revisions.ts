import type { EntityManager } from 'typeorm';
import type { ActorRef } from '@app/common';
import type { Author } from './draft-lock';
import { JointPositionEntity, PositionRevisionEntity, PositionSectionEntity } from './drafting.entities';
import { RevisionKind } from './drafting.enums';

/** A draft's live sections in order (the draft is locked by the caller). */
export function liveSections(tx: EntityManager, positionId: string): Promise<PositionSectionEntity[]> {
  return tx
    .createQueryBuilder(PositionSectionEntity, 's')
    .where('s.position_id = :positionId AND s.removed_at IS NULL', { positionId })
    .orderBy('s.ordinal')
    .getMany();
}

export async function renumber(tx: EntityManager, order: readonly string[]): Promise<void> {
  if (order.length) {
    await tx.query(
      `UPDATE position_section s SET ordinal = o.ordinal
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ordinal) WHERE s.id = o.id`,
      [order],
    );
  }
}

/** Adds a section at `at` (from 1) among `order`, as a revision of the locked draft. */
export async function insertSection(
  tx: EntityManager,
  position: JointPositionEntity,
  viewer: ActorRef,
  input: { heading: string; body?: string | null; leadOrganisationId?: string | null },
  order: readonly string[],
  organisationId: string | null,
  at = order.length + 1,
): Promise<PositionSectionEntity> {
  const { id } = await tx.save(
    tx.create(PositionSectionEntity, {
      positionId: position.id,
      ordinal: at,
      heading: input.heading,
      body: input.body ?? '',
      leadOrganisationId: input.leadOrganisationId ?? null,
      revision: 0,
    }),
  );
  const newOrder = [...order.slice(0, at - 1), id, ...order.slice(at - 1)];
  await renumber(tx, newOrder);
  const revision = await nextRevision(
    tx,
    position,
    { personId: viewer.personId ?? null, organisationId },
    {
      kind: RevisionKind.SECTION_ADDED,
      sectionId: id,
      heading: input.heading,
      body: input.body ?? '',
      sectionOrder: newOrder,
    },
  );
  await tx.update(PositionSectionEntity, { id }, { revision });
  return tx.findOneByOrFail(PositionSectionEntity, { id });
}

/** Takes the draft's next revision number (the row is locked) and records the change under it. */
export async function nextRevision(
  tx: EntityManager,
  position: JointPositionEntity,
  author: Author,
  change: Partial<PositionRevisionEntity> & { kind: RevisionKind },
): Promise<number> {
  const number = position.revision + 1;
  const sectionOrder = change.sectionOrder ?? (await liveSections(tx, position.id)).map((s) => s.id);
  await tx.insert(PositionRevisionEntity, {
    positionId: position.id,
    number,
    baseRevision: null,
    merged: false,
    heading: null,
    body: null,
    ...change,
    sectionOrder,
    authorPersonId: author.personId,
    authorOrganisationId: author.organisationId,
  });
  await tx.update(JointPositionEntity, { id: position.id }, { revision: number });
  position.revision = number; // several changes in one transaction (a new draft's sections)
  return number;
}
