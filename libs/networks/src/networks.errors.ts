import type { RefusalDescriptions } from '@app/common';

/** Why the networks context refuses: convening, membership and a network's lifecycle. */
export enum NetworkRefusal {
  NETWORK_CLOSED = 'NETWORK_CLOSED',
  NOT_A_CVS = 'NOT_A_CVS',
  CVS_OUTSIDE_AREA = 'CVS_OUTSIDE_AREA',
  LAST_CONVENOR = 'LAST_CONVENOR',
  ALREADY_A_MEMBER = 'ALREADY_A_MEMBER',
  MEMBERSHIP_ENDED = 'MEMBERSHIP_ENDED',
  NOTHING_PENDING = 'NOTHING_PENDING',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  NOT_A_CONVENOR = 'NOT_A_CONVENOR',
  CVS_AWAITING_VERIFICATION = 'CVS_AWAITING_VERIFICATION',
  NETWORK_NAME_TAKEN = 'NETWORK_NAME_TAKEN',
}

export const NETWORK_REFUSALS: RefusalDescriptions<NetworkRefusal> = {
  NETWORK_CLOSED: 'The network is closed: nothing new happens in it (reopen it first).',
  NOT_A_CVS: 'Only a CVS (council for voluntary service) can convene a network.',
  CVS_OUTSIDE_AREA: 'A CVS convenes only in a police force area where it serves a local authority.',
  LAST_CONVENOR: 'A network keeps at least one active convenor: hand convening to another CVS first.',
  ALREADY_A_MEMBER: 'The organisation is already a member of the network, invited, or asking to join.',
  MEMBERSHIP_ENDED: 'The membership has already ended (left or removed).',
  NOTHING_PENDING: 'There is no pending invitation or request to join to answer on this membership.',
  NOT_A_MEMBER: 'The organisation is not an active member of the network, which this needs.',
  NOT_A_CONVENOR: 'The organisation is not an active convenor of the network.',
  CVS_AWAITING_VERIFICATION: 'The CVS is awaiting verification by a platform admin, and only a verified CVS convenes.',
  NETWORK_NAME_TAKEN: 'Another open network of the area has that name (trimmed, any case).',
};

declare module '@app/common' {
  interface RefusalReasons {
    networks: NetworkRefusal;
  }
}
