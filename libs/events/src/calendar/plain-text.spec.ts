import { describe, expect, it } from '@jest/globals';
import { plainTextOf } from './plain-text';

describe('plainTextOf', () => {
  it('drops emphasis and heading marks, keeps paragraphs', () => {
    expect(plainTextOf('# Agenda\n\nOpen to all **members** and _partners_.\n\nBring `notes`.')).toBe(
      'Agenda\n\nOpen to all members and partners.\n\nBring notes.',
    );
  });

  it('writes lists with plain markers, nested ones indented', () => {
    expect(plainTextOf('- one\n- two\n  1. first\n  2. second\n\nAfter.')).toBe(
      '- one\n- two\n  1. first\n  2. second\n\nAfter.',
    );
  });

  it('keeps link addresses, once for an autolink, and decodes entities', () => {
    expect(plainTextOf('See [the plan](https://example.org/plan) or <https://example.org> &amp; more.')).toBe(
      'See the plan (https://example.org/plan) or https://example.org & more.',
    );
  });

  it('keeps code blocks as written', () => {
    expect(plainTextOf('Run:\n\n```\nnpm start\n```')).toBe('Run:\n\nnpm start');
  });
});
