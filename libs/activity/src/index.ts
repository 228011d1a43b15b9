export * from './activity.enums';
export * from './activity.module';
export * from './activity.recorder';
export * from './data-version';
export * from './network-audience';
export { ActivityEventEntity } from './activity-event.entity';
export { ActivityHub } from './live/activity-hub';
export { cursorOf } from './activity-position';
// Consumers of settled activity (notifications) read it in feed order and filter it by visibility.
export { ActivityFeedService, isVisibleTo, type ViewerRights } from './activity-feed.service';
export { type ActivityPosition, positionOf } from './activity-position';
export { ActivityScope, ActivityScopeKind } from './dto/activity.args';
export { ActivitySubscriptionArgs } from './dto/activity-subscription.args';
export { LivePubSub } from './live/live-pubsub';
export { LiveRights, type LiveRightsOptions } from './live/live-rights';
export { RIGHTS_CHANGES, RIGHTS_RECHECK_MS, rightsSubject } from './live/rights-changes';
export * from './activity.operation-policy';
export * from './activity-family';
export * from './activity.errors';
