import type { DataSource } from 'typeorm';

/** Undoes the migrations run after `name`, last first: the database as that migration left it (for its tests). */
export async function undoMigrationsAfter(source: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = await source.query<{ name: string }[]>(`SELECT name FROM typeorm_migrations ORDER BY id DESC LIMIT 1`);
    if (!last) {
      throw new Error(`${name} was never run`);
    }
    if (last.name === name) {
      return;
    }
    await source.undoLastMigration();
  }
}
