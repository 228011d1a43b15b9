import { describe, expect, it } from '@jest/globals';
import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Max, MaxLength, ValidateNested } from 'class-validator';
import { DomainError } from '@app/common';
import { InputValidationPipe } from './input-validation.pipe';

class WindowArgs {
  @Type(() => Date)
  @IsDate()
  from!: Date;

  @IsOptional()
  @IsInt()
  @Max(10)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(3)
  label?: string;
}

class Item {
  @IsString()
  name!: string;
}

class ListInput {
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Item)
  items?: (Item | null)[] | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => Item)
  first?: Item | null;
}

const args: ArgumentMetadata = { type: 'body', metatype: WindowArgs };

/** The refusal's message, or 'passed' with the value handed on. */
const outcome = async (sut: InputValidationPipe, value: Record<string, unknown>): Promise<unknown> => {
  try {
    const result = await sut.transform(value, args);
    expect(result).toBeInstanceOf(WindowArgs);
    return ['passed', { ...(result as object) }];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
};

describe('argument validation, remembering the flat values it passed', () => {
  const cases: Record<string, unknown>[] = [
    { from: new Date('2027-01-01T00:00:00Z') },
    { from: new Date('2027-01-01T00:00:00Z'), limit: 3 },
    { from: new Date(Number.NaN) },
    { from: new Date('2027-01-01T00:00:00Z'), limit: 11 },
    { from: new Date('2027-01-01T00:00:00Z'), limit: '3' },
    { from: new Date('2027-01-01T00:00:00Z'), limit: 3.5 },
    { from: new Date('2027-01-01T00:00:00Z'), label: 'abc' },
    { from: new Date('2027-01-01T00:00:00Z'), label: 'abcd' },
    { from: new Date('2027-01-01T00:00:00Z'), label: null },
    { from: new Date('2027-01-01T00:00:00Z'), other: 1 },
    { from: '2027-01-01T00:00:00Z' },
    { from: null },
    { from: new Date('2027-01-01T00:00:00Z'), label: { nested: 'x' } },
  ];

  it('answers every value, asked again and again in any order, as a pipe that remembers nothing does', async () => {
    const sut = new InputValidationPipe();
    const expected = [];
    for (const value of cases) {
      expected.push(await outcome(new InputValidationPipe(), value));
    }
    expect(expected.filter((e) => Array.isArray(e))).toHaveLength(5); // null is left out; text becomes a date
    for (const order of [cases, [...cases].reverse(), [...cases, ...cases]]) {
      for (const value of order) {
        expect([value, await outcome(sut, value)]).toEqual([value, expected[cases.indexOf(value)]]);
      }
    }
  });

  it('still looks into nested values, null ones and binary ones included', async () => {
    const sut = new InputValidationPipe();
    const input: ArgumentMetadata = { type: 'body', metatype: ListInput, data: 'input' };
    const refusal = async (value: unknown) => {
      try {
        await sut.transform(value, input);
        return 'passed';
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return (error as DomainError).message;
      }
    };
    for (let round = 0; round < 2; round++) {
      expect(await refusal({ items: [{ name: 'a' }], first: { name: 'b' } })).toBe('passed');
      expect(await refusal({ items: [{ name: 'a' }, null], first: null })).toMatch(/^input\.items\.1/);
      expect(await refusal({ items: [{ name: 1 }] })).toMatch(/^input\.items\.0\.name/);
      expect(await refusal({ items: [Buffer.from('x')] })).toMatch(/^input\.items\.0/);
    }
  });

  it('answers nested values, asked again in any order, as a pipe that remembers nothing does', async () => {
    const input: ArgumentMetadata = { type: 'body', metatype: ListInput, data: 'input' };
    const outcomeOf = async (sut: InputValidationPipe, value: unknown): Promise<unknown> => {
      try {
        const result = await sut.transform(structuredClone(value), input);
        return ['passed', JSON.stringify(result)];
      } catch (error) {
        return (error as DomainError).message;
      }
    };
    const nested: unknown[] = [
      { items: [{ name: 'a' }], first: { name: 'b' } },
      { items: [{ name: 'a' }, { name: 'c' }] },
      { items: [{ name: 'a', extra: 1 }] },
      { first: { name: 'b', extra: 'x' } },
      { first: { name: 2 } },
      { items: [{ name: 'a' }, null] },
      { items: [[{ name: 'a' }]] },
      { items: [] },
      { first: { name: 'b' }, other: { name: 'b' } },
      { first: { name: { name: 'b' } } },
    ];
    const expected = await Promise.all(nested.map((value) => outcomeOf(new InputValidationPipe(), value)));
    expect(expected.filter((e) => Array.isArray(e))).toHaveLength(4);
    const sut = new InputValidationPipe();
    for (const order of [nested, [...nested].reverse(), [...nested, ...nested]]) {
      for (const value of order) {
        expect([value, await outcomeOf(sut, value)]).toEqual([value, expected[nested.indexOf(value)]]);
      }
    }
  });

  it('hands each caller an instance of its own', async () => {
    const sut = new InputValidationPipe();
    const value = { from: new Date('2027-01-01T00:00:00Z'), limit: 3 };
    const first = (await sut.transform(value, args)) as WindowArgs;
    const second = (await sut.transform({ ...value }, args)) as WindowArgs;
    expect(second).not.toBe(first);
    first.from.setTime(0);
    expect(second.from.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
