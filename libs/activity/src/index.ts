export * from './activity.enums';
export * from './activity.module';
export * from './activity.recorder';
export * from './data-version';
export * from './network-audience';
export { ActivityEventEntity } from './activity-event.entity';
