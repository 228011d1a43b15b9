import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type AuditResult, serverAudits } from 'graphql-http';
import { startTestApp, type TestApp } from './support/test-app';

/** The GraphQL-over-HTTP spec's compliance audit (graphql-http's own), against the running API. */
describe('GraphQL over HTTP compliance', () => {
  let sut: TestApp;
  const results: AuditResult[] = [];

  beforeAll(async () => {
    sut = await startTestApp();
    for (const audit of serverAudits({ url: sut.graphqlUrl })) {
      results.push(await audit.fn());
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  /** Failed audits of a level, named with their reason (so a failure says which and why). */
  const failed = (level: 'MUST' | 'SHOULD'): string[] =>
    results
      .filter((result) => result.name.startsWith(`${level} `) && result.status !== 'ok')
      .map((result) => `${result.name}: ${result.status === 'ok' ? '' : result.reason}`);

  it('passes every MUST', () => {
    expect(results.filter((result) => result.name.startsWith('MUST ')).length).toBeGreaterThan(10);
    expect(failed('MUST')).toEqual([]);
  });

  it('passes every SHOULD, including 200 for application/json and 400 for application/graphql-response+json', () => {
    expect(results.filter((result) => result.name.startsWith('SHOULD '))).toHaveLength(23);
    expect(failed('SHOULD')).toEqual([]);
  });
});
