import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SpecialismEntity } from './specialism.entity';

@Injectable()
export class SpecialismService {
  constructor(@InjectRepository(SpecialismEntity) private readonly specialisms: Repository<SpecialismEntity>) {}

  list(): Promise<SpecialismEntity[]> {
    return this.specialisms.find({ order: { label: 'ASC' } });
  }

  findByCodes(codes: readonly string[]): Promise<SpecialismEntity[]> {
    return this.specialisms.createQueryBuilder('s').where('s.code = ANY(:codes)', { codes }).getMany();
  }
}
