import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommonRefusal, ConnectionArgs, DomainError, ErrorCode } from '@app/common';
import { type Actor, CurrentActor, Person } from '@app/identity';
import { PreferenceService } from '../preferences/preference.service';
import {
  MarkNotificationsReadInput,
  MarkNotificationsReadPayload,
  type Notification,
  NotificationConnection,
  NotificationPreferences,
  UpdateNotificationPreferencesInput,
  UpdateNotificationPreferencesPayload,
} from './notification.model';
import { NotificationService } from './notification.service';
import type { Connection } from '@app/common';

function personOf(actor: Actor): string {
  if (actor.kind !== 'PERSON') {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, CommonRefusal.NOT_SIGNED_IN, 'Sign in to see your notifications');
  }
  return actor.personId;
}

@Resolver()
export class NotificationResolver {
  constructor(
    private readonly sent: NotificationService,
    private readonly preferences: PreferenceService,
  ) {}

  @Query(() => NotificationConnection, {
    description: 'What Convene sent (or will send) to the signed-in person, newest first, with read state.',
  })
  notifications(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs): Promise<Connection<Notification>> {
    return this.sent.listFor(personOf(actor), args.first, args.after);
  }

  @Mutation(() => UpdateNotificationPreferencesPayload, {
    description:
      'Chooses, per category, whether emails come at once, in the daily digest or not at all, and the digest hour. ' +
      'Account and invitation messages are always sent at once.',
  })
  async updateNotificationPreferences(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateNotificationPreferencesInput,
  ): Promise<UpdateNotificationPreferencesPayload> {
    return {
      notificationPreferences: await this.preferences.set(personOf(actor), input.preferences ?? [], input.digestHour),
    };
  }

  @Mutation(() => MarkNotificationsReadPayload, { description: "Marks the signed-in person's notifications read." })
  async markNotificationsRead(
    @CurrentActor() actor: Actor,
    @Args('input') input: MarkNotificationsReadInput,
  ): Promise<MarkNotificationsReadPayload> {
    return { marked: await this.sent.markRead(personOf(actor), input.ids) };
  }
}

@Resolver(() => Person)
export class PersonNotificationsResolver {
  constructor(private readonly preferences: PreferenceService) {}

  @ResolveField(() => NotificationPreferences, {
    nullable: true,
    description: 'What the person receives by email; only on `me` (null for anyone else).',
  })
  async notificationPreferences(
    @Parent() person: Person,
    @CurrentActor() actor: Actor,
  ): Promise<NotificationPreferences | null> {
    return actor.kind === 'PERSON' && actor.personId === person.id ? this.preferences.of(person.id) : null;
  }
}
