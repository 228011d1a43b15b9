import { registerEnumType } from '@nestjs/graphql';
import { ACTIVITY_REFUSALS } from '@app/activity';
import { COMMON_REFUSALS, type RefusalReason } from '@app/common';
import { DRAFTING_REFUSALS } from '@app/drafting';
import { EVENT_REFUSALS } from '@app/events';
import { IDENTITY_REFUSALS } from '@app/identity';
import { INFLUENCING_REFUSALS } from '@app/influencing';
import { NETWORK_REFUSALS } from '@app/networks';
import { ORGANISATION_REFUSALS } from '@app/organisations';
import { WEBHOOK_REFUSALS } from '@app/webhooks';

/** Each context's refusals and what they mean, by context. */
export const REFUSALS_BY_CONTEXT = {
  common: COMMON_REFUSALS,
  identity: IDENTITY_REFUSALS,
  organisations: ORGANISATION_REFUSALS,
  networks: NETWORK_REFUSALS,
  events: EVENT_REFUSALS,
  drafting: DRAFTING_REFUSALS,
  influencing: INFLUENCING_REFUSALS,
  activity: ACTIVITY_REFUSALS,
  webhooks: WEBHOOK_REFUSALS,
} as const;

/**
 * Every reason a refusal may carry, with its meaning. `satisfies` makes it exhaustive: a context
 * that adds its enum to `RefusalReasons` but not here fails the typecheck.
 */
export const REFUSAL_DESCRIPTIONS = {
  ...COMMON_REFUSALS,
  ...IDENTITY_REFUSALS,
  ...ORGANISATION_REFUSALS,
  ...NETWORK_REFUSALS,
  ...EVENT_REFUSALS,
  ...DRAFTING_REFUSALS,
  ...INFLUENCING_REFUSALS,
  ...ACTIVITY_REFUSALS,
  ...WEBHOOK_REFUSALS,
} satisfies Record<RefusalReason, string>;

/** The `RefusalReason` enum of the schema: one value per reason, named as it is. */
export const RefusalReasonEnum = Object.fromEntries(
  Object.keys(REFUSAL_DESCRIPTIONS).map((reason) => [reason, reason]),
) as Record<RefusalReason, RefusalReason>;

registerEnumType(RefusalReasonEnum, {
  name: 'RefusalReason',
  description:
    'Why a request was refused: sent in `extensions.reason` of a GraphQL error, next to `extensions.code` ' +
    '(and `extensions.fields` for the offending input). Stable: clients branch on the code and the reason, ' +
    'never on the message, which says the same in words.',
  valuesMap: Object.fromEntries(
    Object.entries(REFUSAL_DESCRIPTIONS).map(([reason, description]) => [reason, { description }]),
  ),
});

/** Not the type of any field (errors are outside the schema's types): given to the schema as an orphan. */
export const REFUSAL_SCHEMA_TYPES = [RefusalReasonEnum];
