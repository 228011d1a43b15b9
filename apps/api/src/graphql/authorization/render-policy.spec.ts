import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@app/common';
import { renderAuthorizationDoc } from './render-policy';

describe('docs/authorization.md', () => {
  it('is the current rendering of the policy table (run `npm run docs:authorization`)', () => {
    expect(readFileSync(join(projectRoot(), 'docs/authorization.md'), 'utf8')).toBe(renderAuthorizationDoc());
  });
});
