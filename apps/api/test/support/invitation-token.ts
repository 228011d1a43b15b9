import { LinkPurpose, linkToken } from '@app/identity';
import { AppConfig } from '../../src/config/app-config';
import type { TestApp } from './test-app';

/**
 * The accept token an invitation's email carries, derived as the mail sender derives it (from
 * the app's secret and the invitation's id): tests that are not about email need not read mail.
 */
export function invitationTokenOf(app: TestApp, invitationId: string): string {
  return linkToken(app.app.get(AppConfig).jwtSecret, LinkPurpose.INVITATION, invitationId);
}
