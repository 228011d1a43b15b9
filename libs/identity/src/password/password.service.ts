import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LiveRights, rightsSubject } from '@app/activity';
import { DomainError } from '@app/common';
import { hashPassword } from '../auth/password';
import { hashSecretToken } from '../auth/secret-token';
import { PersonEntity } from '../person/person.entity';
import { PasswordTokenEntity } from './password-token.entity';
import { voidEmailChanges, voidPasswordTokens } from './password-tokens';
import { IdentityRefusal } from '../identity.errors';

@Injectable()
export class PasswordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly liveRights: LiveRights,
  ) {}

  /**
   * Sets a person's password with a password token, once. The person's other tokens become
   * void and their sessions end: whoever held the old password is signed out everywhere.
   */
  async setWithToken(token: string, password: string): Promise<PersonEntity> {
    const passwordHash = await hashPassword(password); // slow by design: before the transaction
    const person = await this.dataSource.transaction(async (tx) => {
      const claimed = await tx
        .createQueryBuilder()
        .update(PasswordTokenEntity)
        .set({ usedAt: () => 'now()' })
        .where('token_hash = :hash AND used_at IS NULL AND expires_at > now()', { hash: hashSecretToken(token) })
        .returning('person_id')
        .execute();
      const personId = (claimed.raw as { person_id: string }[])[0]?.person_id;
      if (!personId) {
        throw DomainError.badInput(
          IdentityRefusal.RESET_TOKEN_INVALID,
          'input.token',
          'the token is unknown, already used or expired',
        );
      }
      await tx.update(PersonEntity, { id: personId }, { passwordHash });
      await voidPasswordTokens(tx, personId);
      await voidEmailChanges(tx, personId);
      await tx.query('UPDATE refresh_token SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL', [
        personId,
      ]);
      return tx.findOneByOrFail(PersonEntity, { id: personId });
    });
    // Before answering: the streams of the sessions just ended deliver nothing more.
    await this.liveRights.changed([rightsSubject.person(person.id)]);
    return person;
  }
}
