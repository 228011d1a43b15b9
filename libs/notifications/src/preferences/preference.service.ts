import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import {
  DEFAULT_FREQUENCY,
  FIXED_CATEGORIES,
  NotificationCategory,
  type NotificationFrequency,
} from '../notification.enums';

export interface CategoryPreference {
  readonly category: NotificationCategory;
  readonly frequency: NotificationFrequency;
}

export interface NotificationSettings {
  readonly preferences: CategoryPreference[];
  readonly digestHour: number;
}

/** A person's choices: one frequency per category (defaults where they chose nothing) and a digest hour. */
@Injectable()
export class PreferenceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(personId: string): Promise<NotificationSettings> {
    const rows = await this.dataSource.query<{ category: NotificationCategory; frequency: NotificationFrequency }[]>(
      'SELECT category, frequency FROM notification_preference WHERE person_id = $1',
      [personId],
    );
    const [setting] = await this.dataSource.query<{ digest_hour: number }[]>(
      'SELECT digest_hour FROM notification_setting WHERE person_id = $1',
      [personId],
    );
    const chosen = new Map(rows.map((r) => [r.category, r.frequency]));
    return {
      preferences: Object.values(NotificationCategory).map((category) => ({
        category,
        frequency: chosen.get(category) ?? DEFAULT_FREQUENCY[category],
      })),
      digestHour: setting?.digest_hour ?? 7,
    };
  }

  /** Sets the categories named (others keep their choice); refuses the ones that cannot change. */
  async set(
    personId: string,
    preferences: readonly CategoryPreference[],
    digestHour?: number,
  ): Promise<NotificationSettings> {
    preferences.forEach((p, i) => {
      if (FIXED_CATEGORIES.has(p.category) && p.frequency !== DEFAULT_FREQUENCY[p.category]) {
        throw DomainError.invalidInput(
          `input.preferences.${i}.frequency`,
          `${p.category} messages are always sent at once`,
        );
      }
    });
    await this.dataSource.transaction(async (tx) => {
      for (const p of preferences) {
        await tx.query(
          `INSERT INTO notification_preference (person_id, category, frequency) VALUES ($1, $2, $3)
           ON CONFLICT (person_id, category) DO UPDATE SET frequency = EXCLUDED.frequency`,
          [personId, p.category, p.frequency],
        );
      }
      if (digestHour !== undefined) {
        await tx.query(
          `INSERT INTO notification_setting (person_id, digest_hour) VALUES ($1, $2)
           ON CONFLICT (person_id) DO UPDATE SET digest_hour = EXCLUDED.digest_hour`,
          [personId, digestHour],
        );
      }
    });
    return this.of(personId);
  }
}
