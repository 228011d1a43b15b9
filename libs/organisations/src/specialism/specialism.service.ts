import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { DomainError, ErrorCode } from '@app/common';
import { SpecialismEntity } from './specialism.entity';

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
        throw new DomainError(ErrorCode.CONFLICT, `Specialism ${code} already exists`, [
          { field: 'input.code', message: 'already exists' },
        ]);
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
}
