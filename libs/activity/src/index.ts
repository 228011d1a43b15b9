export * from './activity.enums';
export * from './activity.module';
export * from './activity.recorder';
export { ActivityEventEntity } from './activity-event.entity';
