import type { DataSource } from 'typeorm';

/** Undoes the migrations run after `name`, last first: the database as that migration left it (for its tests). */
export async function undoMigrationsAfter(source: DataSource, name: string): Promise<void> {
  const [run] = await source.query<{ name: string }[]>(`SELECT name FROM typeorm_migrations WHERE name = $1`, [name]);
  if (!run) {
    throw new Error(`${name} was never run`);
  }
  for (;;) {
    const [last] = await source.query<{ name: string }[]>(`SELECT name FROM typeorm_migrations ORDER BY id DESC LIMIT 1`);
    if (!last || last.name === name) {
      return;
    }
    await source.undoLastMigration();
  }
}
