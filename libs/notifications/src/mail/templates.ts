import Handlebars from 'handlebars';

/**
 * Message templates (Handlebars): each a subject, a plain-text part and an HTML part. The HTML
 * is escaped by Handlebars; the text part is not (it is not HTML). Data is what the planner
 * stored with the notification plus links the sender adds; templates never see secrets they do
 * not print (an accept or reset link is the one secret a message carries, to its addressee).
 */
export enum TemplateName {
  ORGANISATION_INVITATION = 'organisation-invitation',
  PASSWORD_RESET = 'password-reset',
  EMAIL_CHANGE = 'email-change',
  EVENT_REMINDER = 'event-reminder',
  EVENT_CHANGED = 'event-changed',
  EVENT_CANCELLED = 'event-cancelled',
  WAITLIST_PROMOTED = 'waitlist-promoted',
  NETWORK_MEMBERSHIP = 'network-membership',
  POSITION_SIGN_ON = 'position-sign-on',
  COMMITMENT_DUE = 'commitment-due',
  POLL_OPENED = 'poll-opened',
  POLL_CONFIRMED = 'poll-confirmed',
  POLL_DEADLINE = 'poll-deadline',
  DRAFT_REPLY = 'draft-reply',
  SUGGESTION_DECIDED = 'suggestion-decided',
  WEBHOOK_DISABLED = 'webhook-disabled',
  ACTIVITY = 'activity',
  DIGEST = 'digest',
}

interface TemplateSource {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const SOURCES: Record<TemplateName, TemplateSource> = {
  [TemplateName.ORGANISATION_INVITATION]: {
    subject: 'You are invited to join {{organisationName}} on Convene',
    text: `{{inviterName}} invited you to join {{organisationName}} on Convene as {{roleLabel}}.

Accept the invitation: {{links.accept}}

The link works once and until {{expiresOn}}. If you did not expect this, ignore this email.`,
    html: `<p>{{inviterName}} invited you to join <strong>{{organisationName}}</strong> on Convene as {{roleLabel}}.</p>
<p><a href="{{links.accept}}">Accept the invitation</a></p>
<p>The link works once and until {{expiresOn}}. If you did not expect this, ignore this email.</p>`,
  },
  [TemplateName.PASSWORD_RESET]: {
    subject: 'Reset your Convene password',
    text: `Someone (we hope you) asked to reset the password of your Convene account.

Choose a new password: {{links.reset}}

The link works once, for one hour. Setting a new password signs you out everywhere else.
If you did not ask for this, ignore this email: your password stays as it is.`,
    html: `<p>Someone (we hope you) asked to reset the password of your Convene account.</p>
<p><a href="{{links.reset}}">Choose a new password</a></p>
<p>The link works once, for one hour. Setting a new password signs you out everywhere else.
If you did not ask for this, ignore this email: your password stays as it is.</p>`,
  },
  [TemplateName.EMAIL_CHANGE]: {
    subject: 'Confirm your new email address for Convene',
    text: `Confirm that {{newEmail}} is the new address of your Convene account: {{links.confirm}}

Until you do, your account keeps its old address. The link works once, for one hour.`,
    html: `<p>Confirm that <strong>{{newEmail}}</strong> is the new address of your Convene account.</p>
<p><a href="{{links.confirm}}">Confirm the new address</a></p>
<p>Until you do, your account keeps its old address. The link works once, for one hour.</p>`,
  },
  [TemplateName.EVENT_REMINDER]: {
    subject: 'Reminder: {{title}} on {{when}}',
    text: `{{title}} starts {{when}}{{#if location}} at {{location}}{{/if}}.

You answered {{answer}}. The calendar entry is attached.
{{links.event}}`,
    html: `<p><strong>{{title}}</strong> starts {{when}}{{#if location}} at {{location}}{{/if}}.</p>
<p>You answered {{answer}}. The calendar entry is attached.</p>
<p><a href="{{links.event}}">The event</a></p>`,
  },
  [TemplateName.EVENT_CHANGED]: {
    subject: 'Changed: {{title}}',
    text: `{{title}} has changed: it now starts {{when}}{{#if location}} at {{location}}{{/if}}.

The updated calendar entry is attached.
{{links.event}}`,
    html: `<p><strong>{{title}}</strong> has changed: it now starts {{when}}{{#if location}} at {{location}}{{/if}}.</p>
<p>The updated calendar entry is attached.</p>
<p><a href="{{links.event}}">The event</a></p>`,
  },
  [TemplateName.EVENT_CANCELLED]: {
    subject: 'Cancelled: {{title}}',
    text: `{{title}}{{#if when}} ({{when}}){{/if}} is cancelled.

The attached calendar update removes it from your calendar.`,
    html: `<p><strong>{{title}}</strong>{{#if when}} ({{when}}){{/if}} is cancelled.</p>
<p>The attached calendar update removes it from your calendar.</p>`,
  },
  [TemplateName.WAITLIST_PROMOTED]: {
    subject: 'A place is yours: {{title}}',
    text: `A place at {{title}} ({{when}}) has freed up and is now yours.

The calendar entry is attached. If you can no longer come, decline to free it for the next person.
{{links.event}}`,
    html: `<p>A place at <strong>{{title}}</strong> ({{when}}) has freed up and is now yours.</p>
<p>The calendar entry is attached. If you can no longer come, decline to free it for the next person.</p>
<p><a href="{{links.event}}">The event</a></p>`,
  },
  [TemplateName.NETWORK_MEMBERSHIP]: {
    subject: '{{headline}}',
    text: `{{headline}}

{{detail}}
{{links.network}}`,
    html: `<p><strong>{{headline}}</strong></p>
<p>{{detail}}</p>
<p><a href="{{links.network}}">The network's activity</a></p>`,
  },
  [TemplateName.POSITION_SIGN_ON]: {
    subject: 'Open for sign-on: {{title}}',
    text: `{{title}} is ready for sign-on by the network's member organisations.

As an admin of {{organisationName}} you can sign it on for your organisation: {{links.position}}`,
    html: `<p><strong>{{title}}</strong> is ready for sign-on by the network's member organisations.</p>
<p>As an admin of {{organisationName}} you can <a href="{{links.position}}">sign it on for your organisation</a>.</p>`,
  },
  [TemplateName.COMMITMENT_DUE]: {
    subject: '{{#if overdue}}Overdue{{else}}Due {{dueOn}}{{/if}}: a commitment to {{network}}',
    text: `{{owner}} committed to {{network}}: "{{text}}".

{{#if overdue}}It was due on {{dueOn}} and is still open.{{else}}It is due on {{dueOn}}.{{/if}} Record its status once the office reports back.
{{links.commitment}}`,
    html: `<p>{{owner}} committed to <strong>{{network}}</strong>:</p>
<blockquote>{{text}}</blockquote>
<p>{{#if overdue}}It was due on {{dueOn}} and is still open.{{else}}It is due on {{dueOn}}.{{/if}} Record its status once the office reports back.</p>
<p><a href="{{links.commitment}}">The engagement</a></p>`,
  },
  [TemplateName.POLL_OPENED]: {
    subject: 'When can you meet? {{poll}}',
    text: `{{network}} is finding a time for {{poll}} ({{slots}} possible time{{#unless oneSlot}}s{{/unless}}).

Answer for your organisation{{#if deadline}} by {{deadline}}{{/if}}: {{links.poll}}`,
    html: `<p>{{network}} is finding a time for <strong>{{poll}}</strong> ({{slots}} possible time{{#unless oneSlot}}s{{/unless}}).</p>
<p><a href="{{links.poll}}">Answer for your organisation</a>{{#if deadline}} by {{deadline}}{{/if}}.</p>`,
  },
  [TemplateName.POLL_CONFIRMED]: {
    subject: 'Time chosen: {{title}} on {{when}}',
    text: `The poll you answered has chosen its time: {{title}} starts {{when}}{{#if location}} at {{location}}{{/if}}.

The calendar entry is attached.
{{links.event}}`,
    html: `<p>The poll you answered has chosen its time: <strong>{{title}}</strong> starts {{when}}{{#if location}} at {{location}}{{/if}}.</p>
<p>The calendar entry is attached.</p>
<p><a href="{{links.event}}">The event</a></p>`,
  },
  [TemplateName.POLL_DEADLINE]: {
    subject: 'Answers close {{deadline}}: {{poll}}',
    text: `Your organisation has not yet answered when it can meet for {{poll}} ({{network}}). Answers close {{deadline}}.

Answer for your organisation: {{links.poll}}`,
    html: `<p>Your organisation has not yet answered when it can meet for <strong>{{poll}}</strong> ({{network}}). Answers close {{deadline}}.</p>
<p><a href="{{links.poll}}">Answer for your organisation</a></p>`,
  },
  [TemplateName.DRAFT_REPLY]: {
    subject: 'A reply to your comment on {{title}}',
    text: `Your comment on {{title}} has a reply:

{{reply}}

{{links.position}}`,
    html: `<p>Your comment on <strong>{{title}}</strong> has a reply:</p>
<blockquote>{{reply}}</blockquote>
<p><a href="{{links.position}}">The draft</a></p>`,
  },
  [TemplateName.SUGGESTION_DECIDED]: {
    subject: 'Your suggestion was {{decision}}: {{title}}',
    text: `Your suggested change to {{title}} was {{decision}}.

Suggested: "{{replacement}}"{{#if original}} in place of "{{original}}"{{/if}}
{{links.position}}`,
    html: `<p>Your suggested change to <strong>{{title}}</strong> was {{decision}}.</p>
<p>Suggested: <q>{{replacement}}</q>{{#if original}} in place of <q>{{original}}</q>{{/if}}</p>
<p><a href="{{links.position}}">The draft</a></p>`,
  },
  [TemplateName.WEBHOOK_DISABLED]: {
    subject: 'A webhook endpoint of {{organisationName}} was disabled',
    text: `Deliveries to {{url}} kept failing, so Convene has disabled the endpoint.

Check the endpoint, then enable it again and redeliver what it missed.`,
    html: `<p>Deliveries to <code>{{url}}</code> kept failing, so Convene has disabled the endpoint.</p>
<p>Check the endpoint, then enable it again and redeliver what it missed.</p>`,
  },
  [TemplateName.ACTIVITY]: {
    subject: '{{headline}}',
    text: `{{headline}}`,
    html: `<p>{{headline}}</p>`,
  },
  [TemplateName.DIGEST]: {
    subject: 'Convene: {{count}} update{{#unless single}}s{{/unless}} for {{date}}',
    text: `What happened in your networks and areas since the last digest:
{{#each items}}
- {{this.headline}} ({{this.when}})
{{/each}}`,
    html: `<p>What happened in your networks and areas since the last digest:</p>
<ul>{{#each items}}<li>{{this.headline}} <small>({{this.when}})</small></li>{{/each}}</ul>`,
  },
};

const LAYOUT_HTML = Handlebars.compile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40em">
{{{body}}}
<hr>
<p style="font-size: small; color: #555">Sent by Convene to {{to}}.
{{#if links.unsubscribe}}<a href="{{links.unsubscribe}}">Stop these emails</a> ({{categoryLabel}}) or <a href="{{links.preferences}}">choose what you receive</a>.{{/if}}</p>
</body></html>`);
const LAYOUT_TEXT = Handlebars.compile(
  `{{{body}}}

--
Sent by Convene to {{to}}.{{#if links.unsubscribe}}
Stop these emails ({{categoryLabel}}): {{links.unsubscribe}}
Choose what you receive: {{links.preferences}}{{/if}}
`,
  { noEscape: true },
);

interface Compiled {
  readonly subject: HandlebarsTemplateDelegate;
  readonly text: HandlebarsTemplateDelegate;
  readonly html: HandlebarsTemplateDelegate;
}

const COMPILED = new Map<TemplateName, Compiled>(
  Object.entries(SOURCES).map(([name, source]) => [
    name as TemplateName,
    {
      // Subjects are header text, not HTML: no escaping (nodemailer encodes headers).
      subject: Handlebars.compile(source.subject, { noEscape: true }),
      text: Handlebars.compile(source.text, { noEscape: true }),
      html: Handlebars.compile(source.html),
    },
  ]),
);

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Renders a template with its data; `to` and the links go into the footer of both parts. */
export function render(name: TemplateName, data: Record<string, unknown>): RenderedMessage {
  const template = COMPILED.get(name);
  if (!template) {
    throw new Error(`No template named ${name}`);
  }
  // A newline in a subject would be a header injection; nodemailer folds it, we drop it first.
  const subject = template
    .subject(data)
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 200);
  return {
    subject,
    text: LAYOUT_TEXT({ ...data, body: template.text(data) }),
    html: LAYOUT_HTML({ ...data, subject, body: template.html(data) }),
  };
}
