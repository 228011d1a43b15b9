import { describe, expect, it } from '@jest/globals';
import { reasonFor } from './clashes';
import type { EventEntity } from './event.entities';
import { EventKind } from './event.enums';

describe('why two events clash', () => {
  const event = (over: Partial<EventEntity>): EventEntity =>
    ({ networkId: null, policeForceAreaId: 'area', kind: EventKind.NETWORK_MEETING, ...over }) as EventEntity;

  it('names the same network first', () => {
    expect(reasonFor(event({ networkId: 'n' }), event({ networkId: 'n', kind: EventKind.PCC_HUSTINGS }))).toBe(
      'another event of the same network at the same time',
    );
  });

  it('names the PCC event of the two, whichever it is', () => {
    expect(reasonFor(event({ networkId: 'n' }), event({ networkId: 'm', kind: EventKind.PCC_HUSTINGS }))).toBe(
      'a PCC hustings in the same area at the same time',
    );
    expect(reasonFor(event({ kind: EventKind.PCC_ENGAGEMENT }), event({ kind: EventKind.TRAINING }))).toBe(
      'a PCC engagement in the same area at the same time',
    );
  });
});
