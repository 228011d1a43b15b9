import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type FlowsContext, refusalOf, startFlowsContext } from '@app/testing';
import { SectionFlowsService } from './section-flows.service';
import { PositionSectionEntity } from './drafting.entities';

describe('editing a section of a draft (flows on real PostgreSQL)', () => {
  let ctx: FlowsContext;
  let sut: SectionFlowsService;

  beforeAll(async () => {
    ctx = await startFlowsContext();
    sut = ctx.get(SectionFlowsService);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** A new draft's one section, as written at revision `revision`. */
  const newSection = async () => {
    const { network } = await ctx.newNetwork();
    const position = await ctx.newPosition(network);
    const section = await ctx.dataSource
      .getRepository(PositionSectionEntity)
      .findOneByOrFail({ positionId: position.id });
    return { position, section };
  };

  it('merges two edits made on the same revision to different paragraphs', async () => {
    const { position, section } = await newSection();
    const base = position.revision;
    const first = await sut.editSection(ctx.system, {
      sectionId: section.id,
      baseRevision: base,
      body: 'One!\n\nTwo.\n\nThree.',
    });
    expect(first).toMatchObject({ kind: 'EDITED', merged: false });
    const second = await sut.editSection(ctx.system, {
      sectionId: section.id,
      baseRevision: base,
      body: 'One.\n\nTwo.\n\nThree!',
    });
    expect(second).toMatchObject({ kind: 'EDITED', merged: true, section: { body: 'One!\n\nTwo.\n\nThree!' } });
  });

  it('answers a conflict for edits to the same words, and writes nothing', async () => {
    const { position, section } = await newSection();
    const base = position.revision;
    const first = await sut.editSection(ctx.system, {
      sectionId: section.id,
      baseRevision: base,
      body: 'One.\n\nMine.\n\nThree.',
    });
    expect(first.kind).toBe('EDITED');
    const second = await sut.editSection(ctx.system, {
      sectionId: section.id,
      baseRevision: base,
      body: 'One.\n\nTheirs.\n\nThree.',
    });
    expect(second.kind).toBe('CONFLICT');
    const stored = await ctx.dataSource.getRepository(PositionSectionEntity).findOneByOrFail({ id: section.id });
    expect(stored.body).toBe('One.\n\nMine.\n\nThree.');
  });

  it('refuses a base revision ahead of the draft, naming it', async () => {
    const { position, section } = await newSection();
    const edit = sut.editSection(ctx.system, { sectionId: section.id, baseRevision: position.revision + 1, body: 'x' });
    expect(await refusalOf(edit)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.baseRevision' }] });
  });

  it('credits words only to an organisation the writer works for', async () => {
    const { network, convenor } = await ctx.newNetwork();
    const position = await ctx.newPosition(network);
    const section = await ctx.dataSource
      .getRepository(PositionSectionEntity)
      .findOneByOrFail({ positionId: position.id });
    const stranger = await ctx.newOrganisation();
    const edit = (organisationId: string) =>
      sut.editSection(ctx.personFor(convenor), {
        sectionId: section.id,
        baseRevision: position.revision,
        body: 'Credited.',
        organisationId,
      });
    expect(await refusalOf(edit(stranger.id))).toMatchObject({
      code: 'FORBIDDEN',
      fields: [{ field: 'input.organisationId' }],
    });
    expect(await edit(convenor.id)).toMatchObject({ kind: 'EDITED' });
  });
});
