import { describe, expect, it } from '@jest/globals';
import { render, TemplateName } from '../mail/templates';
import { commitmentNotice, commitmentWindow, pollDeadlineNotice, quote } from './notices';

describe('notices planned by time', () => {
  const commitment = { id: 'c1', text: 'Publish the figures', owner: 'The Commissioner', dueOn: '2026-12-07' };
  const engagement = { id: 'e1', networkId: 'n1' };

  it('words a commitment due and an overdue one differently, the due date as a London day', () => {
    const due = commitmentNotice(commitment, engagement, 'Gwent network', false);
    expect(due).toMatchObject({ dueOn: 'Monday 7 December 2026', overdue: false, engagementId: 'e1' });
    expect(render(TemplateName.COMMITMENT_DUE, { ...due, links: {} }).subject).toBe(
      'Due Monday 7 December 2026: a commitment to Gwent network',
    );
    const overdue = commitmentNotice(commitment, engagement, 'Gwent network', true);
    const sut = render(TemplateName.COMMITMENT_DUE, { ...overdue, links: {} });
    expect(sut.subject).toBe('Overdue: a commitment to Gwent network');
    expect(sut.text).toContain('It was due on Monday 7 December 2026 and is still open.');
    expect(overdue.headline).toBe(sut.subject); // what a digest lists
  });

  it('gives a poll deadline in the poll’s time zone (GMT or BST as the day falls)', () => {
    const poll = {
      id: 'p1',
      title: 'Planning meeting',
      networkId: 'n1',
      deadline: new Date('2026-07-01T11:00:00Z'),
      timeZone: 'Europe/London',
    };
    const sut = pollDeadlineNotice(poll, 'Gwent network');
    expect(sut.deadline).toBe('Wednesday 1 July at 12:00 BST');
    expect(render(TemplateName.POLL_DEADLINE, { ...sut, links: { poll: 'https://x/polls/p1' } }).subject).toBe(
      'Answers close Wednesday 1 July at 12:00 BST: Planning meeting',
    );
  });

  it('quotes at most 600 characters of what someone wrote, and escapes it in HTML only', () => {
    expect(quote('a'.repeat(601))).toBe(`${'a'.repeat(600)}…`);
    const sut = render(TemplateName.DRAFT_REPLY, { title: 'T', reply: '<b>yes</b> & no', links: {} });
    expect(sut.text).toContain('<b>yes</b> & no');
    expect(sut.html).toContain('&lt;b&gt;yes&lt;/b&gt; &amp; no');
  });

  it('decides due and overdue by the London day, and names each notice by commitment, kind and due date', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    const sut = commitmentWindow(new Date('2026-06-30T23:30:00Z'));
    expect(sut.lastDay).toBe('2026-07-08');
    expect(sut.kindOf('2026-06-30')).toBe('overdue');
    expect(sut.kindOf('2026-07-01')).toBe('due');
    expect(sut.subjectOf({ id: 'c1', dueOn: '2026-06-30' })).toBe('commitment-overdue:c1:2026-06-30');
    expect(sut.subjectOf({ id: 'c1', dueOn: '2026-07-03' })).toBe('commitment-due:c1:2026-07-03');
    // In winter London is on UTC: 23:30 UTC on 30 December is still the 30th.
    expect(commitmentWindow(new Date('2026-12-30T23:30:00Z')).kindOf('2026-12-30')).toBe('due');
  });
});
