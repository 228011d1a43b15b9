import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ActivityVerb, ActivityVisibility } from './activity.enums';

/**
 * The outbox: one row per domain change, written in the same transaction as the change.
 * `txId` (the writing transaction's 64-bit id) makes reading gap-free: rows are read in
 * (txId, sequence) order, and only below the oldest transaction still running, so a row that
 * commits late can never land behind a cursor already handed out.
 */
@Entity('activity_event')
@Index('activity_event_feed_idx', ['txId', 'sequence'])
@Index('activity_event_police_force_area_idx', ['policeForceAreaCode', 'txId', 'sequence'])
@Index('activity_event_organisation_idx', ['organisationId', 'txId', 'sequence'])
@Index('activity_event_network_idx', ['networkId', 'txId', 'sequence'])
// an area's last activity (coverage)
@Index('activity_event_network_area_recent_idx', ['networkAreaId', 'occurredAt'], {
  where: 'network_area_id IS NOT NULL',
})
@Index('activity_event_event_idx', ['eventId', 'txId', 'sequence'])
export class ActivityEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  sequence!: string;

  /** Set by ActivityRecorder to the writing transaction's id (pg_current_xact_id). */
  @Column('bigint')
  txId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'enum', enum: ActivityVerb, enumName: 'activity_verb' })
  verb!: ActivityVerb;

  @Column({ type: 'enum', enum: ActivityVisibility, enumName: 'activity_visibility' })
  visibility!: ActivityVisibility;

  @Column({ type: 'uuid', nullable: true })
  actorPersonId!: string | null;

  /** The organisation the actor acted for, when there is one. */
  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId!: string | null;

  /** Subjects: what the change concerns (each nullable; feeds filter on them). */
  /** ONS code of the police force area (codes, not ids: this is a read model any context can fill). */
  @Column({ type: 'varchar', length: 9, nullable: true })
  policeForceAreaCode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  networkId!: string | null;

  /** The police force area of the network named: set by the database (`activity_event_network_area`), whatever is written. */
  @Column({ type: 'uuid', nullable: true })
  networkAreaId!: string | null;

  /** The scheduled event it concerns (its RSVP tally and changes are followed through it). */
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  /** A small summary of what changed (ids, names, changed field names), never secrets. */
  @Column('jsonb')
  payload!: Record<string, unknown>;
}
