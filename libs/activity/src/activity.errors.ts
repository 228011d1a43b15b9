import type { RefusalDescriptions } from '@app/common';

/** Why the activity feed refuses. */
export enum ActivityRefusal {
  FELL_BEHIND = 'FELL_BEHIND',
}

export const ACTIVITY_REFUSALS: RefusalDescriptions<ActivityRefusal> = {
  FELL_BEHIND: 'A subscriber did not keep up with its feed; resubscribe from the cursor the message gives.',
};

declare module '@app/common' {
  interface RefusalReasons {
    activity: ActivityRefusal;
  }
}
