import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ConnectionType } from '@app/common';
import { NotificationCategory, NotificationChannel, NotificationFrequency } from '../notification.enums';

@ObjectType('Notification', { description: 'A message Convene sent (or is about to send) to the signed-in person.' })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationCategory)
  category!: NotificationCategory;

  @Field(() => NotificationChannel)
  channel!: NotificationChannel;

  @Field({ description: 'The subject line, as sent.' })
  title!: string;

  @Field({ description: 'When it was planned.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was sent (or carried by a digest); null while it waits.' })
  sentAt!: Date | null;

  @Field({ description: 'Planned for the daily digest rather than sent on its own.' })
  inDigest!: boolean;

  @Field({ description: 'Whether the person has marked it read.' })
  read!: boolean;

  @Field(() => String, { nullable: true, description: 'The activity item it tells of, if any (its sequence).' })
  activitySequence!: string | null;
}

export const NotificationConnection = ConnectionType(Notification, 'Notification');

@ObjectType('NotificationPreference', { description: 'How often a person hears about one category.' })
export class NotificationPreference {
  @Field(() => NotificationCategory)
  category!: NotificationCategory;

  @Field(() => NotificationFrequency)
  frequency!: NotificationFrequency;
}

@ObjectType('NotificationPreferences', { description: 'What a person receives by email, and when.' })
export class NotificationPreferences {
  @Field(() => [NotificationPreference], { description: 'Every category, with the default where none was chosen.' })
  preferences!: NotificationPreference[];

  @Field(() => Int, { description: 'Hour of the day (0–23, Europe/London) the daily digest is sent.' })
  digestHour!: number;
}

@InputType('NotificationPreferenceInput')
export class NotificationPreferenceInput {
  @Field(() => NotificationCategory)
  @IsEnum(NotificationCategory)
  category!: NotificationCategory;

  @Field(() => NotificationFrequency)
  @IsEnum(NotificationFrequency)
  frequency!: NotificationFrequency;
}

@InputType('UpdateNotificationPreferencesInput')
export class UpdateNotificationPreferencesInput {
  @Field(() => [NotificationPreferenceInput], { nullable: true, description: 'Categories to change; others stay.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInput)
  preferences?: NotificationPreferenceInput[];

  @Field(() => Int, { nullable: true, description: 'Hour (0–23, Europe/London) for the daily digest.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;
}

@ObjectType('UpdateNotificationPreferencesPayload')
export class UpdateNotificationPreferencesPayload {
  @Field(() => NotificationPreferences)
  notificationPreferences!: NotificationPreferences;
}

@InputType('MarkNotificationsReadInput')
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'The notifications to mark read; all of them when left out.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids?: string[];
}

@ObjectType('MarkNotificationsReadPayload')
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'How many were marked read now (already read ones are not counted).' })
  marked!: number;
}
