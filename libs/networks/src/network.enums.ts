import { registerEnumType } from '@nestjs/graphql';

export enum NetworkStatus {
  FORMING = 'FORMING',
  ACTIVE = 'ACTIVE',
  DORMANT = 'DORMANT',
  CLOSED = 'CLOSED',
}

export enum MembershipRole {
  CONVENOR = 'CONVENOR',
  MEMBER = 'MEMBER',
  OBSERVER = 'OBSERVER',
}

export enum MembershipStatus {
  INVITED = 'INVITED',
  REQUESTED = 'REQUESTED',
  ACTIVE = 'ACTIVE',
  LEFT = 'LEFT',
  REMOVED = 'REMOVED',
  DECLINED = 'DECLINED',
}

/** A membership in one of these is live: at most one per organisation per network (a unique index). */
export const LIVE_MEMBERSHIP = [MembershipStatus.INVITED, MembershipStatus.REQUESTED, MembershipStatus.ACTIVE] as const;

/** Status moves a convenor may make; CLOSED is final. */
export const NETWORK_STATUS_MOVES: Readonly<Record<NetworkStatus, readonly NetworkStatus[]>> = {
  [NetworkStatus.FORMING]: [NetworkStatus.ACTIVE, NetworkStatus.CLOSED],
  [NetworkStatus.ACTIVE]: [NetworkStatus.DORMANT, NetworkStatus.CLOSED],
  [NetworkStatus.DORMANT]: [NetworkStatus.ACTIVE, NetworkStatus.CLOSED],
  [NetworkStatus.CLOSED]: [],
};

registerEnumType(NetworkStatus, {
  name: 'NetworkStatus',
  description: 'Where a network is in its life.',
  valuesMap: {
    FORMING: { description: 'Being set up; not yet meeting regularly.' },
    ACTIVE: { description: 'Meeting and working.' },
    DORMANT: { description: 'Paused; may become active again.' },
    CLOSED: { description: 'Ended for good; kept for the record.' },
  },
});
registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: "An organisation's part in a network.",
  valuesMap: {
    CONVENOR: { description: 'Runs the network (only a CVS).' },
    MEMBER: { description: 'Takes part, signs joint positions.' },
    OBSERVER: { description: 'Follows the network without taking part in decisions.' },
  },
});
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'Where a membership stands. INVITED, REQUESTED and ACTIVE are live; the others are history.',
});
