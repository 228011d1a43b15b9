import { describe, expect, it } from '@jest/globals';
import { Args, ArgsType, Field, ID, Info, PARAM_ARGS_METADATA, ResolveField } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsUUID } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { ResolvedDirectly } from './resolved-directly';

@ArgsType()
class WindowArgs {
  @Field()
  @Type(() => Date)
  @IsDate()
  from!: Date;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  networkId?: string;
}

class Resolver {
  readonly seen: unknown[] = [];

  @ResolvedDirectly(WindowArgs)
  window(parent: string, @Args() args: WindowArgs, context: { who: string }): string {
    this.seen.push(args);
    return `${parent} ${args.from.toISOString()} ${context.who}`;
  }
}

const refusal = (call: () => unknown): { code: string; fields: string[] } => {
  try {
    call();
  } catch (error) {
    const domain = error as DomainError;
    return { code: domain.code, fields: domain.fields.map((p) => p.field) };
  }
  throw new Error('not refused');
};

describe('ResolvedDirectly', () => {
  it('leaves Nest no parameter metadata, so its fast path binds the method as it is', () => {
    expect(Reflect.getMetadata(PARAM_ARGS_METADATA, Resolver, 'window')).toBeUndefined();
  });

  it('hands on the arguments as an instance of their class, an explicit null read as absent', () => {
    const resolver = new Resolver();
    const from = new Date('2027-01-01T00:00:00Z');
    expect(resolver.window('event', { from, networkId: null } as never, { who: 'me' })).toBe(
      'event 2027-01-01T00:00:00.000Z me',
    );
    expect(resolver.seen[0]).toBeInstanceOf(WindowArgs);
    expect(resolver.seen[0]).toEqual(Object.assign(new WindowArgs(), { from }));
  });

  it('refuses what the global pipe refuses, naming the field, every time (a pass is remembered, a refusal never)', () => {
    const resolver = new Resolver();
    const valid = { from: new Date('2027-01-01T00:00:00Z') };
    resolver.window('event', valid, { who: 'me' });
    resolver.window('event', { ...valid }, { who: 'me' }); // remembered
    for (let i = 0; i < 2; i++) {
      expect(refusal(() => resolver.window('event', { from: new Date('not a date') }, { who: 'me' }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['from'],
      });
      expect(refusal(() => resolver.window('event', { ...valid, networkId: 'nope' }, { who: 'me' }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['networkId'],
      });
    }
    expect(refusal(() => resolver.window('event', { ...valid, networkId: 'a\u0000' }, { who: 'me' }))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['networkId'],
    });
    expect(resolver.seen).toHaveLength(2);
  });

  it('hands each call an instance of its own when a value comes again (a mutation does not carry over)', () => {
    const resolver = new Resolver();
    const args = () => ({ from: new Date('2027-01-01T00:00:00Z'), networkId: null });
    resolver.window('event', args() as never, { who: 'me' });
    const first = resolver.seen[0] as WindowArgs;
    first.from.setUTCFullYear(1999);
    first.networkId = 'changed';
    resolver.window('event', args() as never, { who: 'me' });
    const second = resolver.seen[1] as WindowArgs;
    expect(second).toBeInstanceOf(WindowArgs);
    expect(second).not.toBe(first);
    expect(second).toEqual(Object.assign(new WindowArgs(), { from: new Date('2027-01-01T00:00:00Z') }));
  });

  it('hands on what it has for equal values only: a date by its time, text as it is, nothing carried from a changed value', () => {
    const resolver = new Resolver();
    const at = (iso: string) => new Date(iso);
    const given = { from: at('2027-03-01T00:00:00Z') };
    resolver.window('event', given, { who: 'me' });
    given.from.setUTCFullYear(2030); // the caller's value changed after the call: not what passed
    resolver.window('event', { from: at('2030-03-01T00:00:00Z') }, { who: 'me' });
    resolver.window('event', { from: at('2027-03-01T00:00:00Z') }, { who: 'me' });
    const id = '6f1c5a8e-2d4b-4c7a-9e3f-1a2b3c4d5e6f';
    resolver.window('event', { from: at('2027-03-01T00:00:00Z'), networkId: id }, { who: 'me' });
    expect(
      refusal(() => resolver.window('event', { from: at('2027-03-01T00:00:00Z'), networkId: `${id} ` }, { who: 'me' })),
    ).toEqual({ code: 'BAD_USER_INPUT', fields: ['networkId'] });
    resolver.window('event', { from: at('2027-03-01T00:00:00Z'), networkId: id }, { who: 'me' });
    resolver.window('event', { from: at('2027-03-01T00:00:00Z') }, { who: 'me' });
    expect((resolver.seen as WindowArgs[]).map((a) => [a.from.toISOString(), a.networkId])).toEqual([
      ['2027-03-01T00:00:00.000Z', undefined],
      ['2030-03-01T00:00:00.000Z', undefined],
      ['2027-03-01T00:00:00.000Z', undefined],
      ['2027-03-01T00:00:00.000Z', id],
      ['2027-03-01T00:00:00.000Z', id],
      ['2027-03-01T00:00:00.000Z', undefined],
    ]);
  });

  it('is refused when the class is defined if Nest could not bind the method as it is', () => {
    expect(() => {
      class WithInfo {
        @ResolvedDirectly(WindowArgs)
        window(_parent: string, @Args() _args: WindowArgs, @Info() _info: unknown): void {}
      }
      return WithInfo;
    }).toThrow('one whole @Args()');
    expect(() => {
      class NamedArgs {
        @ResolvedDirectly(WindowArgs)
        window(_parent: string, @Args('window') _args: WindowArgs): void {}
      }
      return NamedArgs;
    }).toThrow('one whole @Args()');
    expect(() => {
      class Above {
        @ResolvedDirectly(WindowArgs)
        @ResolveField(() => String)
        window(_parent: string, @Args() _args: WindowArgs): string {
          return '';
        }
      }
      return Above;
    }).toThrow('below @ResolveField');
  });
});
