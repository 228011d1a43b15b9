export interface NotificationsOptions {
  readonly databaseUrl: string;
  /** `smtp://user:pass@host:587` (or smtps://); without it mail is written as .eml files to `mailDir`. */
  readonly smtpUrl?: string;
  /** The From header, e.g. `Convene <no-reply@convene.example>`. */
  readonly mailFrom: string;
  /** Where links in messages point (no trailing slash), e.g. https://convene.example. */
  readonly publicUrl: string;
  /** Folder for .eml files when there is no SMTP server. */
  readonly mailDir: string;
  /** Key for unsubscribe links and account links (the same on every instance). */
  readonly secret: string;
  /** How often each instance reads new activity to plan messages (milliseconds). */
  readonly planIntervalMs: number;
  /** How often each instance asks the job queue for due messages (pg-boss allows 0.5 s at least). */
  readonly pollSeconds: number;
  /** How often each instance looks for poll deadlines coming up and commitments falling due (seconds). */
  readonly sweepSeconds: number;
  /** How long before a poll's deadline those who have not answered are reminded (seconds). */
  readonly pollDeadlineNoticeSeconds: number;
  /** A message held this long by an instance (that died) is retried by another one. */
  readonly takeoverSeconds: number;
}

export const NOTIFICATIONS_OPTIONS = Symbol('NOTIFICATIONS_OPTIONS');
