import { type ParsedMail, simpleParser } from 'mailparser';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { eventually, freePort } from '@app/testing';

/** One message the sink accepted, parsed. */
export interface ReceivedMail {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: ParsedMail['headers'];
  readonly attachments: ParsedMail['attachments'];
  readonly raw: string;
}

/**
 * A real SMTP server in the test process (smtp-server): the API sends to it over TCP as it
 * would to Mailpit or a relay. `onMessage` may delay or refuse a message (return false).
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Called before a message is accepted; false refuses it (the client sees a 451). */
  onMessage: (raw: string, index: number) => boolean | Promise<boolean> = () => true;
  private seen = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SmtpSink> {
    const port = await freePort();
    const holder: { sink?: SmtpSink } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 5 * 1024 * 1024,
      onData(stream: SMTPServerDataStream, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
        void (holder.sink as SmtpSink).receive(stream, callback);
      },
    });
    const sink = new SmtpSink(server, port);
    holder.sink = sink;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined); // a client killed mid-message is expected in some tests
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private async receive(stream: Readable, callback: (error?: Error | null) => void): Promise<void> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) {
        chunks.push(chunk as Buffer);
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const index = this.seen++;
      if (!(await this.onMessage(raw, index))) {
        const refused = new Error('Try again later') as Error & { responseCode: number };
        refused.responseCode = 451;
        callback(refused);
        return;
      }
      const parsed = await simpleParser(raw);
      const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
      this.received.push({
        messageId: parsed.messageId ?? '',
        to: to?.value[0]?.address ?? '',
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        headers: parsed.headers,
        attachments: parsed.attachments,
        raw,
      });
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  /** Messages to an address, in the order they arrived. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to === address);
  }

  /** Waits for the first message to `address` whose subject matches. */
  async waitFor(address: string, subject: RegExp = /./, timeoutMs = 30_000): Promise<ReceivedMail> {
    return eventually(() => this.to(address).find((m) => subject.test(m.subject)), {
      timeoutMs,
      what: `an email to ${address} matching ${subject}`,
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The first link in a text to `path` (on any origin), and the token in its fragment. */
export function linkIn(text: string, path: string): { url: string; token: string } {
  // The token rides in the fragment (`…/dashboard/reset-password#token=…`): browsers never send it.
  const match = new RegExp(`https?://[^\\s/]+${path.replace(/[/?]/g, '\\$&')}#token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) {
    throw new Error(`No ${path} link in:\n${text}`);
  }
  return { url: match[0], token: match[1] ?? '' };
}

/** A header's value as sent (folded lines joined), from the raw message; '' when absent. */
export function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}
