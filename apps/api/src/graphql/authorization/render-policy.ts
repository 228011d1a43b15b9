import { Action, POLICY } from '@app/identity';
import { OPERATION_POLICY } from './operation-policy';

/** The actions an API token may perform at all (the others need a person). */
const TOKEN_ACTIONS: readonly Action[] = [Action.READ_PUBLIC, Action.READ_SELF, Action.SIGN_IN];
const tokenReach = (action: Action, reach: string | undefined): string =>
  TOKEN_ACTIONS.includes(action) ? (reach ?? 'nothing: national (`NATIONAL` tokens only)') : '— (people only)';

/** docs/authorization.md, generated from the policy table (`npm run docs:authorization`). */
export function renderAuthorizationDoc(): string {
  const actions = Object.entries(POLICY)
    .map(([action, rule]) => `| \`${action}\` | ${rule.who} | ${rule.requiresSignIn ? 'yes' : 'no'} |`)
    .join('\n');
  const operations = Object.entries(OPERATION_POLICY)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([operation, { action, resourceName, reach }]) =>
        `| \`${operation}\` | \`${action}\` | ${resourceName ?? '—'} | ${tokenReach(action, reach?.name)} |`,
    )
    .join('\n');
  return `# Authorization

Generated from the code (\`libs/identity/src/policy/policy.ts\` and
\`apps/api/src/graphql/authorization/operation-policy.ts\`) by \`npm run docs:authorization\`; do not edit.
A test fails when this file is out of date, and when an operation in the schema has no row below.

Every root operation (query, mutation, subscription; over HTTP and over WebSocket) is checked by
\`OperationPolicyGuard\` before its resolver runs: signed out where sign-in is needed → \`UNAUTHENTICATED\`;
otherwise not allowed → \`FORBIDDEN\`; an operation without a row → \`FORBIDDEN\` for everyone.
A bearer token that is tampered with, expired or revoked → \`UNAUTHENTICATED\` on any operation.

API tokens are read-only (every other action needs a person) and read only within their scope: a
\`NATIONAL\` token reads everything public; a \`POLICE_FORCE_AREA\`, \`NETWORK\` or \`ORGANISATION\` token
only operations whose arguments name that same area, network or organisation (the last column; a
network or an event also names its area). Anything else is \`FORBIDDEN\` for it, national reads included.

## Actions

| action | who may | needs sign-in |
| --- | --- | --- |
${actions}

## Operations

| operation | action | resource | API tokens scoped to an area, network or organisation read |
| --- | --- | --- | --- |
${operations}
`;
}
