export * from './webhook.enums';
export * from './webhook.entities';
export * from './webhook.model';
export * from './webhooks.module';
export * from './webhooks.options';
export { WebhookService } from './webhook.service';
export { isPrivateAddress, urlProblem } from './delivery/destination';
export { signWebhook } from './delivery/signature';
export * from './webhooks.operation-policy';
