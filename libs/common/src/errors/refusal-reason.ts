/**
 * Reasons any context may give. A context's own refusals (a rule of its domain) have their own
 * enum beside its code, e.g. `NetworkRefusal` in `@app/networks`.
 */
export enum CommonRefusal {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  NOT_SIGNED_IN = 'NOT_SIGNED_IN',
  NOT_PERMITTED = 'NOT_PERMITTED',
  OUTSIDE_TOKEN_SCOPE = 'OUTSIDE_TOKEN_SCOPE',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  STILL_REFERENCED = 'STILL_REFERENCED',
  NOT_A_PERSON = 'NOT_A_PERSON',
  INVALID_STATUS_MOVE = 'INVALID_STATUS_MOVE',
}

/** What each reason means, as the schema documents it. A `Record`, so none is left out. */
export type RefusalDescriptions<R extends string> = Readonly<Record<R, string>>;

export const COMMON_REFUSALS: RefusalDescriptions<CommonRefusal> = {
  INVALID_INPUT:
    'A value given is malformed, out of range or inconsistent with another one; `extensions.fields` names it.',
  NOT_FOUND: 'What the request names does not exist (or is not visible to the caller); the field or id says which.',
  NOT_SIGNED_IN: 'The request needs a signed-in person (or a valid token) and has none.',
  NOT_PERMITTED: "The caller's roles do not allow this operation on this resource.",
  OUTSIDE_TOKEN_SCOPE: "The API token's scope does not reach this resource or operation.",
  ALREADY_EXISTS: 'The change would duplicate something that already exists.',
  STILL_REFERENCED: 'Something else still refers to what the change would remove.',
  NOT_A_PERSON: 'Only a signed-in person can do this (not an API token, nor anyone signed out).',
  INVALID_STATUS_MOVE:
    'The status cannot move from where it is to where the request asks; the message lists the moves allowed.',
};

/**
 * Every context's refusal enum, by context. A context adds its own by declaration merging, next
 * to its enum:
 *
 *     declare module '@app/common' { interface RefusalReasons { networks: NetworkRefusal } }
 *
 * so `RefusalReason` is exactly the union of the enums and a `DomainError` cannot carry anything else.
 */
export interface RefusalReasons {
  common: CommonRefusal;
}

/** The stable `extensions.reason` of a refusal: why, in one word a client may branch on. */
export type RefusalReason = RefusalReasons[keyof RefusalReasons];
