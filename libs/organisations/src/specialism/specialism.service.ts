import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, ErrorCode } from '@app/common';
import { SpecialismEntity } from './specialism.entity';

@Injectable()
export class SpecialismService {
  constructor(@InjectRepository(SpecialismEntity) private readonly specialisms: Repository<SpecialismEntity>) {}

  list(): Promise<SpecialismEntity[]> {
    return this.specialisms.find({ order: { label: 'ASC' } });
  }

  /** Adds a code to the vocabulary; CONFLICT if it exists. */
  async create(code: string, label: string): Promise<SpecialismEntity> {
    const inserted = await this.specialisms
      .createQueryBuilder()
      .insert()
      .values({ code, label: label.trim() })
      .orIgnore()
      .returning('*')
      .execute();
    if ((inserted.raw as unknown[]).length === 0) {
      throw new DomainError(ErrorCode.CONFLICT, `Specialism ${code} already exists`, [
        { field: 'input.code', message: 'already exists' },
      ]);
    }
    return this.specialisms.findOneByOrFail({ code });
  }

  findByCodes(codes: readonly string[]): Promise<SpecialismEntity[]> {
    return this.specialisms.createQueryBuilder('s').where('s.code = ANY(:codes)', { codes }).getMany();
  }
}
