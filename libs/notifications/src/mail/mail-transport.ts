import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { projectRoot } from '@app/common';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options';

/** One message as handed to the transport. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  readonly headers?: Record<string, string>;
  readonly attachments?: Mail.Attachment[];
  readonly icalEvent?: Mail.IcalAttachment;
}

/** Every SMTP step is bounded: a stuck server must not hold a job (and its row lock) for long. */
const SMTP_TIMEOUT_MS = 10_000;

/**
 * Sends through SMTP when SMTP_URL is set; otherwise writes each message as an .eml file to the
 * mail folder (the embedded default: a newcomer can open what would have been sent).
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly log = new Logger('Mail');
  private readonly transporter: Transporter;
  private readonly folder: string | null;
  private told = false;

  constructor(@Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions) {
    if (options.smtpUrl) {
      const url = new URL(options.smtpUrl);
      this.transporter = createTransport({
        host: url.hostname,
        port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
        secure: url.protocol === 'smtps:',
        auth: url.username
          ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
          : undefined,
        pool: true,
        maxConnections: 2,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      });
      this.folder = null;
    } else {
      this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.folder = isAbsolute(options.mailDir) ? options.mailDir : join(projectRoot(), options.mailDir);
    }
  }

  /**
   * Fails the start where mail would go to a folder this process cannot write (an image's files
   * are root's, its user not): every message would fail on every retry, and nobody be told.
   */
  async assertWritable(): Promise<void> {
    if (!this.folder) {
      return;
    }
    try {
      await mkdir(this.folder, { recursive: true });
      await access(this.folder, constants.W_OK);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new Error(
        `mail cannot be written to MAIL_DIR ${this.folder}${typeof code === 'string' ? ` (${code})` : ''}: ` +
          'set SMTP_URL to send it, or MAIL_DIR to a folder this user may write',
        { cause: error },
      );
    }
  }

  /** Where messages go, for the start-up log and health. */
  describe(): string {
    return this.folder ? `.eml files in ${this.folder}` : 'SMTP';
  }

  async send(mail: OutgoingMail): Promise<void> {
    const message: Mail.Options = {
      from: this.options.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments,
      icalEvent: mail.icalEvent,
    };
    const info = (await this.transporter.sendMail(message)) as { message?: Buffer };
    if (this.folder) {
      if (!this.told) {
        this.told = true;
        this.log.log(`No SMTP_URL: mail is written to ${this.folder} (one .eml file per message)`);
      }
      await mkdir(this.folder, { recursive: true });
      // The file is named by the Message-ID: a message written twice overwrites itself.
      const name = mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._@-]/g, '_');
      await writeFile(join(this.folder, `${name}.eml`), info.message ?? Buffer.alloc(0));
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
