import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { asBackgroundWork } from '@app/common';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { AccountRecoveryService } from './account-recovery.service';

/**
 * Handles recorded password reset requests every `resetRequestPollMs`, off the request path: a
 * request's answer never waits on (or is timed by) the work an existing account causes.
 */
@Injectable()
export class PasswordResetWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('AccountRecovery');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failed = false;

  constructor(
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly recovery: AccountRecoveryService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.options.resetRequestPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
    }
    await this.running;
  }

  private tick(): void {
    if (this.running) {
      return;
    }
    this.running = asBackgroundWork(() => this.recovery.handlePendingResets())
      .then(
        () => {
          this.failed = false;
        },
        (error: unknown) => {
          if (!this.failed) {
            this.log.warn({ err: error }, 'Handling password reset requests failed; retrying on the next tick');
          }
          this.failed = true;
        },
      )
      .finally(() => {
        this.running = null;
      });
  }
}
