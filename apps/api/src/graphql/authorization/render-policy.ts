import { Action } from '@app/common';
import { POLICY } from '@app/identity';
import { operationRows } from './operation-policy';

/** The actions an API token may perform at all (the others need a person). */
const TOKEN_ACTIONS: readonly Action[] = [Action.ANYONE];
const tokenReach = (action: Action, reach: string | undefined): string =>
  TOKEN_ACTIONS.includes(action) ? (reach ?? 'nothing: national (`NATIONAL` tokens only)') : '— (people only)';

/** docs/authorization.md, generated from the policy table (`npm run docs:authorization`). */
export function renderAuthorizationDoc(): string {
  const actions = Object.entries(POLICY)
    .map(([action, rule]) => `| \`${action}\` | ${rule.who} | ${rule.requiresSignIn ? 'yes' : 'no'} |`)
    .join('\n');
  const operations = [...operationRows().values()]
    .sort((a, b) => a.operation.localeCompare(b.operation))
    .map(
      ({ operation, context, rule: { action, resourceName, reach } }) =>
        `| \`${operation}\` | ${context.context} | \`${action}\` | ${resourceName ?? '—'} | ${tokenReach(action, reach?.name)} |`,
    )
    .join('\n');
  return `# Authorization

Generated from the code (the actions' rules in \`libs/identity/src/policy/policy.ts\`, and each
context's operation rows in \`libs/<context>/src/<context>.operation-policy.ts\`) by
\`npm run docs:authorization\`; do not edit. A test fails when this file is out of date, and when an
operation in the schema has no row below.

Every root operation (query, mutation, subscription; over HTTP and over WebSocket) is checked by
\`OperationPolicyGuard\` before its resolver runs: signed out where sign-in is needed → \`UNAUTHENTICATED\`;
otherwise not allowed → \`FORBIDDEN\`; an operation without a row → \`FORBIDDEN\` for everyone.
An action says who may act; an operation's resource says on what (which organisations count).
Services refuse too, on their own domain rules (a closed network, the last convenor leaving).
A bearer token that is tampered with, expired or revoked → \`UNAUTHENTICATED\` on any operation.

API tokens are read-only (every other action needs a person) and read only within their scope: a
\`NATIONAL\` token reads everything public; a \`POLICE_FORCE_AREA\`, \`NETWORK\` or \`ORGANISATION\` token
only operations whose arguments name that same area, network or organisation (the last column; a
network or an event also names its area). Anything else is \`FORBIDDEN\` for it, national reads included.

## Actions

| action | who may act | needs sign-in |
| --- | --- | --- |
${actions}

## Operations

| operation | context | action | resource | API tokens scoped to an area, network or organisation read |
| --- | --- | --- | --- | --- |
${operations}
`;
}
