import { POLICY } from '@app/identity';
import { OPERATION_POLICY } from './operation-policy';

/** docs/authorization.md, generated from the policy table (`npm run docs:authorization`). */
export function renderAuthorizationDoc(): string {
  const actions = Object.entries(POLICY)
    .map(([action, rule]) => `| \`${action}\` | ${rule.who} | ${rule.requiresSignIn ? 'yes' : 'no'} |`)
    .join('\n');
  const operations = Object.entries(OPERATION_POLICY)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, { action, resourceName }]) => `| \`${operation}\` | \`${action}\` | ${resourceName ?? '—'} |`)
    .join('\n');
  return `# Authorization

Generated from the code (\`libs/identity/src/policy/policy.ts\` and
\`apps/api/src/graphql/authorization/operation-policy.ts\`) by \`npm run docs:authorization\`; do not edit.
A test fails when this file is out of date, and when an operation in the schema has no row below.

Every root operation (query, mutation, subscription; over HTTP and over WebSocket) is checked by
\`OperationPolicyGuard\` before its resolver runs: signed out where sign-in is needed → \`UNAUTHENTICATED\`;
otherwise not allowed → \`FORBIDDEN\`; an operation without a row → \`FORBIDDEN\` for everyone.
A bearer token that is tampered with, expired or revoked → \`UNAUTHENTICATED\` on any operation.

## Actions

| action | who may | needs sign-in |
| --- | --- | --- |
${actions}

## Operations

| operation | action | resource |
| --- | --- | --- |
${operations}
`;
}
