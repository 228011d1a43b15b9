import { registerEnumType } from '@nestjs/graphql';

export enum PollStatus {
  OPEN = 'OPEN',
  CONFIRMED = 'CONFIRMED',
  CLOSED = 'CLOSED',
}

export enum PollAnswer {
  YES = 'YES',
  IF_NEED_BE = 'IF_NEED_BE',
  NO = 'NO',
}

registerEnumType(PollStatus, {
  name: 'PollStatus',
  valuesMap: {
    OPEN: { description: 'Taking answers.' },
    CONFIRMED: { description: 'A slot was chosen and the event made from it.' },
    CLOSED: { description: 'Closed without an event.' },
  },
});
registerEnumType(PollAnswer, {
  name: 'PollAnswer',
  description: 'Whether a slot suits.',
  valuesMap: {
    YES: { description: 'Suits.' },
    IF_NEED_BE: { description: 'Can make it if it has to be then.' },
    NO: { description: 'Cannot make it.' },
  },
});
