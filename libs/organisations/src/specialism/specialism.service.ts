import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { DomainError, ErrorCode } from '@app/common';
import { SpecialismEntity } from './specialism.entity';
import { OrganisationRefusal } from '../organisations.errors';

@Injectable()
export class SpecialismService {
  constructor(
    @InjectRepository(SpecialismEntity) private readonly specialisms: Repository<SpecialismEntity>,
    private readonly activity: ActivityRecorder,
  ) {}

  list(): Promise<SpecialismEntity[]> {
    return this.specialisms.find({ order: { label: 'ASC' } });
  }

  /** Adds a code to the vocabulary; CONFLICT if it exists. */
  async create(actorPersonId: string | null, code: string, label: string): Promise<SpecialismEntity> {
    return this.activity.transaction(async (tx, record) => {
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(SpecialismEntity)
        .values({ code, label: label.trim() })
        .orIgnore()
        .returning('*')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          OrganisationRefusal.SPECIALISM_EXISTS,
          `Specialism ${code} already exists`,
          [{ field: 'input.code', message: 'already exists' }],
        );
      }
      await record({
        verb: ActivityVerb.SPECIALISM_CREATED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId,
        payload: { code, label: label.trim() },
      });
      return tx.findOneByOrFail(SpecialismEntity, { code });
    });
  }

  findByCodes(codes: readonly string[]): Promise<SpecialismEntity[]> {
    return this.specialisms.createQueryBuilder('s').where('s.code = ANY(:codes)', { codes }).getMany();
  }

  /**
   * BAD_USER_INPUT on `field` unless every code is in the vocabulary: a filter on an unknown code
   * would otherwise answer an empty result, indistinguishable from "none yet".
   */
  async assertKnown(codes: readonly string[], field: string): Promise<void> {
    const unique = [...new Set(codes)];
    const found = new Set((await this.findByCodes(unique)).map((s) => s.code));
    const missing = unique.filter((code) => !found.has(code));
    if (missing.length > 0) {
      throw DomainError.invalidInput(
        field,
        `unknown specialism ${missing.join(', ')}: use a code from the \`specialisms\` query, such as WOMEN`,
      );
    }
  }
}
