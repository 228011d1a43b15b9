import { type DynamicModule, Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DraftingModule } from '@app/drafting';
import { EventsModule } from '@app/events';
import { AccountMailOutbox, LinkPurpose } from '@app/identity';
import { InfluencingModule } from '@app/influencing';
import { NetworksModule } from '@app/networks';
import { OrganisationsModule } from '@app/organisations';
import { NotificationResolver, PersonNotificationsResolver } from './graphql/notification.resolver';
import { NotificationService } from './graphql/notification.service';
import { MailTransport } from './mail/mail-transport';
import { TemplateName } from './mail/templates';
import { NotificationCategory } from './notification.enums';
import { notificationsEntities } from './notification.entities';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from './notifications.options';
import { NoticeSweeper } from './planning/notice-sweeper';
import { NotificationPlanner } from './planning/notification-planner';
import { PreferenceService } from './preferences/preference.service';
import { NotificationQueue } from './sending/notification-queue';
import { NotificationSender } from './sending/notification-sender';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';

export const notificationsResolvers = [NotificationResolver, PersonNotificationsResolver];

/** Email notifications planned from the activity outbox, account emails, preferences and one-click unsubscribe. */
@Module({})
export class NotificationsModule implements OnModuleInit {
  private readonly log = new Logger('Notifications');

  constructor(
    private readonly accountMail: AccountMailOutbox,
    private readonly planner: NotificationPlanner,
    private readonly transport: MailTransport,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
  ) {}

  static forRoot(options: NotificationsOptions): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        TypeOrmModule.forFeature(notificationsEntities),
        OrganisationsModule,
        NetworksModule,
        DraftingModule,
        EventsModule,
        InfluencingModule,
      ],
      controllers: [UnsubscribeController],
      providers: [
        { provide: NOTIFICATIONS_OPTIONS, useValue: options },
        MailTransport,
        NotificationQueue,
        NotificationPlanner,
        NoticeSweeper,
        NotificationSender,
        PreferenceService,
        NotificationService,
        ...notificationsResolvers,
      ],
      exports: [NotificationPlanner, PreferenceService],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.transport.assertWritable();
    this.log.log(`Mail goes to ${this.transport.describe()}; links point to ${this.options.publicUrl}`);
    // Account emails are planned in identity's transaction, as a row and a job like any other.
    this.accountMail.register(async (tx, mail) => {
      await this.planner.insert(tx, {
        recipient: mail.personId,
        personId: mail.personId,
        email: mail.email,
        category: NotificationCategory.ACCOUNT,
        subject: `${mail.purpose}:${mail.tokenId}`,
        template: mail.purpose === LinkPurpose.PASSWORD_RESET ? TemplateName.PASSWORD_RESET : TemplateName.EMAIL_CHANGE,
        data: { tokenId: mail.tokenId, newEmail: mail.purpose === LinkPurpose.EMAIL_CHANGE ? mail.email : undefined },
        activitySequence: null,
        digest: false,
      });
    });
  }
}
