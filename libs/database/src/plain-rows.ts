import type { DataSource, ObjectLiteral, Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { parseTimestamptz } from './timestamptz';

/** Column types whose values node-postgres parses as TypeORM hydrates them (strings, numbers, booleans, Dates). */
const PLAIN_TYPES = new Set<unknown>([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'enum',
  'int',
  'integer',
  'smallint',
  'bigint', // a string, as TypeORM leaves it
  'boolean',
  'bool',
  'timestamptz',
  'timestamp with time zone',
]);

const TIMESTAMPTZ = new Set<unknown>(['timestamptz', 'timestamp with time zone']);

/**
 * Reads an entity's rows with plain SQL, for hot read paths: every column under its property
 * name, as node-postgres parses it, with none of TypeORM's query building and entity hydration
 * (a fifth of a request's CPU where a request loads a few hundred rows). The rows are plain
 * objects with the entity's properties (no relations, no prototype).
 *
 * Only for entities whose columns all come back from node-postgres as TypeORM would give them:
 * no arrays, no `date` or `numeric` columns, no transformers, no embedded columns (checked once).
 */
export class PlainRows<T extends ObjectLiteral> {
  private readonly select: string;
  /** [database column, property] of each column. */
  private readonly columns: readonly (readonly [string, string])[];
  private readonly properties: ReadonlySet<string>;
  private readonly tablePath: string;
  /** Each column's type, in the order of `columns`. */
  private readonly types: readonly unknown[];
  private readonly primaryColumn: string;
  /** Columns that never hold null. */
  private readonly notNull: ReadonlySet<string>;

  constructor(private readonly repository: Repository<T>) {
    const { columns, tablePath, name } = repository.metadata;
    // A join column without a property of its own would come back under the relation's name.
    const unfit = columns.filter(
      (c) =>
        !PLAIN_TYPES.has(c.type) ||
        c.isArray ||
        c.transformer ||
        c.embeddedMetadata ||
        c.propertyName === c.relationMetadata?.propertyName,
    );
    if (unfit.length > 0) {
      throw new Error(
        `${name} cannot be read as plain rows: ${unfit.map((c) => `${c.propertyName} (${String(c.type)})`).join(', ')}`,
      );
    }
    this.columns = columns.map((c) => [c.databaseName, c.propertyName] as const);
    this.properties = new Set(columns.map((c) => c.propertyName));
    this.tablePath = tablePath;
    this.types = columns.map((c) => c.type);
    const [primary, ...more] = repository.metadata.primaryColumns;
    this.primaryColumn = primary && more.length === 0 ? primary.databaseName : '';
    this.notNull = new Set(columns.filter((c) => !c.isNullable).map((c) => c.databaseName));
    this.select = `SELECT ${this.selectList('t')} FROM "${tablePath}" t`;
  }

  /**
   * Every column of the table under `alias`, as `"<prefix><property>"`: to read these rows joined to
   * others. With `only`, just the columns of those properties (and the key): a partial entity, for a
   * list whose query asks for a few fields (see `has`).
   */
  selectList(alias: string, prefix = '', only?: ReadonlySet<string>): string {
    const key = `${alias}|${prefix}|${keyOf(only)}`;
    let list = this.selectLists.get(key);
    if (list === undefined) {
      list = this.columnsOf(only)
        .map(([column, property]) => `${alias}."${column}" AS "${prefix}${property}"`)
        .join(', ');
      this.selectLists.set(key, list);
    }
    return list;
  }

  /**
   * Of fields a query asks for, the columns to read (for `only`): undefined (every column) if one of
   * them is not a column, since a field computed from the entity may read any of its columns. One
   * set per list of columns, the same each time: what is made per set (statement texts, pickers) is
   * made once, where fields come as a new set on every request. At most MAX_COLUMN_SETS sets, then
   * every column for a new list: each set is a statement text of its own, prepared on every
   * connection and kept there by PostgreSQL (a coverage report's: ~300 kB with its plan), so
   * clients asking for every subset of an organisation's fields must not make thousands of them.
   */
  columnsAmong(fields: Iterable<string>): ReadonlySet<string> | undefined {
    const columns: string[] = [];
    for (const field of fields) {
      if (this.properties.has(field)) {
        columns.push(field);
      } else if (field !== '__typename') {
        return undefined;
      }
    }
    const key = columns.sort().join(',');
    let set = this.columnSets.get(key);
    if (set === undefined) {
      if (this.columnSets.size >= MAX_COLUMN_SETS) {
        return undefined;
      }
      set = new Set(columns);
      this.columnSets.set(key, set);
    }
    return set;
  }

  /**
   * The properties of `only` (every one where undefined) but `left` (the key is always read): for
   * rows nested in a statement that has these already (a network's memberships: their network), so
   * they are not sent on every row. The same set for the same arguments.
   */
  without(only: ReadonlySet<string> | undefined, ...left: string[]): ReadonlySet<string> {
    const base = only ?? this.properties;
    let byLeft = this.withoutSets.get(base);
    if (byLeft === undefined) {
      byLeft = new Map();
      this.withoutSets.set(base, byLeft);
    }
    const key = [...left].sort().join(',');
    let set = byLeft.get(key);
    if (set === undefined) {
      set = new Set([...base].filter((property) => !left.includes(property)));
      byLeft.set(key, set); // the code's own: a handful
    }
    return set;
  }

  private readonly withoutSets = new WeakMap<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();

  /** `columnsAmong`'s sets by their sorted, joined columns. */
  private readonly columnSets = new Map<string, ReadonlySet<string>>();

  /** Whether an entity read with `only` (or whole) serves these fields: `columnsAmong` of them were read. */
  has(entity: object, fields: ReadonlySet<string>): boolean {
    let columns = this.columnsOfFields.get(fields);
    if (columns === undefined) {
      columns = this.columnsAmong(fields) ?? null;
      this.columnsOfFields.set(fields, columns);
    }
    if (columns) {
      for (const property of columns) {
        if (!(property in entity)) {
          return false;
        }
      }
      return true;
    }
    return this.columns.every(([, property]) => property in entity);
  }

  /** `columnsAmong` by set of fields (a list's items ask with one set: see fieldsAt). */
  private readonly columnsOfFields = new WeakMap<ReadonlySet<string>, ReadonlySet<string> | null>();

  private columnsOf(only?: ReadonlySet<string>): readonly (readonly [string, string])[] {
    return only
      ? this.columns.filter(([column, property]) => only.has(property) || column === this.primaryColumn)
      : this.columns;
  }

  /** Select lists by alias and prefix (a few fixed ones): made once, not on every statement. */
  private readonly selectLists = new Map<string, string>();

  /**
   * An SQL expression: this table's rows (alias `j`) `WHERE` the condition, in the order given, as
   * one JSON value of text arrays (`[]` for none; see `textTuple`); `fromTextArray` turns it into
   * the objects `where` would read. For a few rows nested in each row of another statement (an
   * events page's occurrence changes): one statement for both levels.
   */
  textArray(condition: string, orderBy: string): string {
    let text = this.textArrays.get(condition)?.get(orderBy);
    if (text === undefined) {
      text = `array_to_json(ARRAY(SELECT ARRAY[${this.textTuple('j')}] FROM "${this.tablePath}" j
        WHERE ${condition} ORDER BY ${orderBy}))`;
      let byOrder = this.textArrays.get(condition);
      if (byOrder === undefined && this.textArrays.size < MAX_TEXTS) {
        byOrder = new Map();
        this.textArrays.set(condition, byOrder);
      }
      byOrder?.set(orderBy, text); // the callers' own texts: a handful
    }
    return text;
  }

  private readonly textArrays = new Map<string, Map<string, string>>();

  /** The rows of a `textArray`, as `where` reads them. */
  fromTextArray(tuples: readonly (readonly unknown[])[]): T[] {
    const read = this.textReaderOf(undefined);
    return tuples.map((tuple) => read(tuple, 0) as T);
  }

  /**
   * SQL: the columns `selectList(alias, '', only)` reads, each as text, for `ARRAY[…]`: a row as a
   * text array, for many rows nested in one row of another statement (a network's members in its
   * row, as `array_to_json(ARRAY(SELECT ARRAY[…] …))`). PostgreSQL sends them as one value that
   * JSON.parse reads at once, where rows of their own are decoded value by value; text arrays cost
   * PostgreSQL no more than the rows (JSON objects or `json_build_array` cost it twice as much).
   * `fromTexts` makes each the object `where` would read.
   */
  textTuple(alias: string, only?: ReadonlySet<string>): string {
    return textElements(alias, this.columnsOf(only));
  }

  /** How many elements `textTuple(…, only)` gives. */
  width(only?: ReadonlySet<string>): number {
    return this.columnsOf(only).length;
  }

  /**
   * The entity out of the elements `textTuple(…, only)` gave, from `at` on in `tuple`: each parsed
   * as node-postgres parses its column (numbers, booleans, timestamps).
   */
  fromTexts(tuple: readonly unknown[], at = 0, only?: ReadonlySet<string>): T {
    return this.textReaderOf(only)(tuple, at) as T;
  }

  /**
   * For another context's statement whose nested rows (see `textTuple`) each show one of this
   * table's rows, by key (`key`, an expression of that statement): the clause joining it (a lateral
   * lookup, as `beside`'s), its elements and how many, and the reader, given the key's value (null
   * where the key names none). The key itself is not sent where the statement has it already (its
   * value is the key's): a column that is never null tells whether a row was found. Made once per
   * key, alias and set of properties.
   */
  textLookup(key: string, alias: string, only?: ReadonlySet<string>): TextLookup<T> {
    if (!this.primaryColumn) {
      throw new Error(`${this.repository.metadata.name} has no single-column key to look rows up by`);
    }
    const name = `${key}|${alias}|${keyOf(only)}`;
    let lookup = this.textLookups.get(name);
    if (lookup === undefined) {
      const rest = this.columnsOf(only).filter(([column]) => column !== this.primaryColumn);
      const foundAt = rest.findIndex(([column]) => this.notNull.has(column));
      const columns = foundAt < 0 ? this.columnsOf(only) : rest;
      const presentAt = foundAt < 0 ? columns.findIndex(([column]) => column === this.primaryColumn) : foundAt;
      const primaryProperty = this.columns.find(([column]) => column === this.primaryColumn)?.[1] as string;
      const read = textReader(this.typed(columns), foundAt < 0 ? undefined : primaryProperty);
      lookup = {
        join: `LEFT JOIN LATERAL (SELECT * FROM "${this.tablePath}" ${alias}
            WHERE ${alias}."${this.primaryColumn}" = ${key} LIMIT 1) ${alias} ON true`,
        elements: textElements(alias, columns),
        width: columns.length,
        read: (tuple, at, keyValue) => (tuple[at + presentAt] === null ? null : (read(tuple, at, keyValue) as T)),
      };
      if (this.textLookups.size < MAX_TEXTS) {
        this.textLookups.set(name, lookup);
      }
    }
    return lookup;
  }

  /** [property, column type] of these columns. */
  private typed(columns: readonly (readonly [string, string])[]): (readonly [string, unknown])[] {
    const types = new Map(this.columns.map(([column], i) => [column, this.types[i]]));
    return columns.map(([column, property]) => [property, types.get(column)] as const);
  }

  private readonly textLookups = new Map<string, TextLookup<T>>();

  private textReaderOf(only: ReadonlySet<string> | undefined): TextReader {
    let reader = only ? this.textReadersOnly.get(only) : this.textReader;
    if (reader === undefined) {
      reader = textReader(this.typed(this.columnsOf(only)));
      if (only) {
        this.textReadersOnly.set(only, reader);
      } else {
        this.textReader = reader;
      }
    }
    return reader;
  }

  private textReader?: TextReader;
  private readonly textReadersOnly = new WeakMap<ReadonlySet<string>, TextReader>();

  /** The entity's properties out of a row read with `selectList(…, prefix, only)`. */
  pick(row: Readonly<Record<string, unknown>>, prefix = '', only?: ReadonlySet<string>): T {
    return this.pickerOf(prefix, only)(row) as T;
  }

  /** `pick` for one prefix and set of properties: an object literal, made once (see `literalBuilder`). */
  private pickerOf(
    prefix: string,
    only: ReadonlySet<string> | undefined,
  ): RowBuilder<Readonly<Record<string, unknown>>> {
    // By the set itself, then the prefix: no key text made (and hashed) for every row.
    let byPrefix = only ? this.pickersOnly.get(only) : this.pickers;
    if (byPrefix === undefined) {
      byPrefix = new Map();
      this.pickersOnly.set(only as ReadonlySet<string>, byPrefix);
    }
    let picker = byPrefix.get(prefix);
    if (picker === undefined) {
      const keys = this.columnsOf(only).map(([, property]) => [prefix + property, property] as const);
      picker = literalBuilder(keys.map(([key, property]) => [property, key]));
      byPrefix.set(prefix, picker);
    }
    return picker;
  }

  /** Pickers by prefix (a few fixed ones). */
  private readonly pickers = new Map<string, RowBuilder<Readonly<Record<string, unknown>>>>();
  /** The same for reads of some properties, by their set. */
  private readonly pickersOnly = new WeakMap<
    ReadonlySet<string>,
    Map<string, RowBuilder<Readonly<Record<string, unknown>>>>
  >();

  /**
   * Rows `WHERE` the condition (on `t`, with $1… parameters), in the order given (SQL, on `t`).
   * A named (prepared) statement: PostgreSQL parses and plans each text once per connection, where
   * planning cost more than running these reads (0.6 against 0.2 ms for a network's members).
   * Logged like every other statement (the statement-count tests observe the logger).
   */
  where(
    condition: string,
    parameters: readonly unknown[],
    orderBy?: string,
    /** Only these properties (and the key): see `selectList`. */
    only?: ReadonlySet<string>,
  ): Promise<T[]> {
    const select = only ? `SELECT ${this.selectList('t', '', only)} FROM "${this.tablePath}" t` : this.select;
    return this.query<T>(`${select} WHERE ${condition}${orderBy ? ` ORDER BY ${orderBy}` : ''}`, parameters);
  }

  /**
   * The rows of another statement (`rows`: fixed text, `$1`… parameters), each with the entity its
   * column `key` names (null for none), in one statement: `orderBy` on `r`, the rows' columns by
   * name. The entity's context offers this to the others (they read its table only through it),
   * so a list whose items each show one of its entities is one round trip, not two. Each row looks
   * its entity up by key: `lookup` (a lateral `LIMIT 1`, which the planner cannot turn into a hash
   * join over the whole table: that read all 5,000 organisations for a network's 134 members, 2.1
   * against 0.6 ms), or `join` for a small table of fixed size (a plain join, which the planner
   * hashes: the 318 local authorities of a page of 100 organisations, 0.3 against 2.1 ms, where each
   * lookup scanned the table's few pages).
   */
  async beside(
    rows: string,
    parameters: readonly unknown[],
    key: string,
    orderBy: string,
    by: 'lookup' | 'join' = 'lookup',
    /** Only these properties of the entity (and its key): see `selectList`. */
    only?: ReadonlySet<string>,
  ): Promise<RowBeside<T>[]> {
    if (!this.primaryColumn) {
      throw new Error(`${this.repository.metadata.name} has no single-column key to read rows beside`);
    }
    const text = this.besideText(rows, key, orderBy, by, only);
    const found = await this.query<Record<string, unknown>>(text, parameters);
    return found.map((row) => ({ row, entity: row['beside?'] ? this.pick(row, 'beside.', only) : null }));
  }

  /** The statement `beside` runs, made once per caller's text (callers keep theirs: the same string each time). */
  private besideText(
    rows: string,
    key: string,
    orderBy: string,
    by: 'lookup' | 'join',
    only: ReadonlySet<string> | undefined,
  ): string {
    const properties = keyOf(only);
    const known = this.besideTexts.get(rows);
    if (known?.key === key && known.orderBy === orderBy && known.by === by && known.properties === properties) {
      return known.text;
    }
    const entity =
      by === 'join'
        ? `"${this.tablePath}" t ON t."${this.primaryColumn}" = r."${key}"`
        : `LATERAL (SELECT * FROM "${this.tablePath}" t WHERE t."${this.primaryColumn}" = r."${key}" LIMIT 1) t ON true`;
    const text = `SELECT r.*, t."${this.primaryColumn}" IS NOT NULL AS "beside?", ${this.selectList('t', 'beside.', only)}
         FROM (${rows}) r
         LEFT JOIN ${entity}
        ORDER BY ${orderBy}`;
    if (this.besideTexts.size < MAX_TEXTS) {
      this.besideTexts.set(rows, { key, orderBy, by, properties, text });
    }
    return text;
  }

  /** The last text made for each caller's text (a caller asks for one set of properties most of the time). */
  private readonly besideTexts = new Map<
    string,
    { key: string; orderBy: string; by: string; properties: string; text: string }
  >();

  /**
   * Any statement of the code's own (a fixed text), run as `where` runs its own: named, logged, plain
   * rows. node-postgres gives each row as an array, made into an object by a literal compiled for the
   * statement's columns: its own objects are cloned, property by property, from a null-prototype
   * dictionary and then filled by name (a megamorphic store for every value), and read by name again.
   */
  query<R>(text: string, parameters: readonly unknown[]): Promise<R[]> {
    return plainQuery<R>(this.repository.manager.connection, text, parameters);
  }
}

/**
 * A statement of the code's own (a fixed text) as `PlainRows.query` runs it: named (parsed once per
 * connection, and planned once where PostgreSQL's generic plan serves), logged as TypeORM logs its
 * own (every statement, failures, slow ones), plain rows; none of TypeORM's query path. For hot
 * reads of tables no entity maps as plain rows (counts, versions).
 */
export async function plainQuery<R>(
  dataSource: Pick<DataSource, 'logger' | 'driver'>,
  text: string,
  parameters: readonly unknown[],
): Promise<R[]> {
  const { logger, driver } = dataSource;
  logger.logQuery(text, parameters as unknown[]);
  const started = performance.now();
  const pool = (driver as PostgresDriver).master as {
    query(config: { name: string; text: string; values: unknown[]; rowMode: 'array' }): Promise<{
      rows: unknown[][];
      fields: readonly { name: string }[];
    }>;
  };
  const name = statementName(text);
  let result: Awaited<ReturnType<typeof pool.query>>;
  try {
    result = await pool.query({ name, text, values: parameters as unknown[], rowMode: 'array' });
  } catch (error) {
    logger.logQueryError(error as Error, text, parameters as unknown[]);
    throw error;
  }
  // As TypeORM's own path warns of slow statements (the data source's maxQueryExecutionTime).
  const took = performance.now() - started;
  const slowMs = (driver as PostgresDriver).connection.options.maxQueryExecutionTime;
  if (slowMs && took > slowMs) {
    logger.logQuerySlow(Math.round(took), text, parameters as unknown[]);
  }
  const { rows, fields } = result;
  const build = rowBuilderOf(name, fields);
  const objects = new Array<R>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    objects[i] = build(rows[i]) as R;
  }
  return objects;
}

/** Makes one object out of a row: a literal with fixed names, so every object it makes has one shape. */
type RowBuilder<From> = (row: From) => Record<string, unknown>;

/**
 * A function returning `{ [name]: row[source], … }` for these [name, source] pairs, as one object
 * literal (V8 makes such objects with one shape and reads them with monomorphic loads, where
 * adding properties one by one by name is a megamorphic store for each). Names and sources are
 * quoted as JSON strings; `__proto__` (which a literal would take for the prototype) is computed.
 */
function literalBuilder<From>(pairs: readonly (readonly [string, string | number])[]): RowBuilder<From> {
  const entries = pairs.map(([name, source]) => `${propertyKey(name)}: row[${JSON.stringify(source)}]`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- names from the code's own statements, quoted
  return new Function('row', `return { ${entries.join(', ')} };`) as RowBuilder<From>;
}

const propertyKey = (name: string): string =>
  name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name);

/** These columns under `alias`, each as text, for `ARRAY[…]` (see `PlainRows.textTuple`). */
const textElements = (alias: string, columns: readonly (readonly [string, string])[]): string =>
  columns.map(([column]) => `${alias}."${column}"::text`).join(', ');

/** Makes one entity out of text elements from `at` on (see `PlainRows.textTuple`). */
type TextReader = (tuple: readonly unknown[], at: number, key?: unknown) => Record<string, unknown>;

/** Text as node-postgres parses each column type (the rest stay text: uuids, enums, bigints). */
const FROM_TEXT = {
  number: (text: unknown): unknown => (typeof text === 'string' ? Number(text) : text),
  boolean: (text: unknown): unknown => (typeof text === 'string' ? text === 'true' : text),
  timestamp: (text: unknown): unknown => (typeof text === 'string' ? parseTimestamptz(text) : text),
};

function fromTextOf(type: unknown): keyof typeof FROM_TEXT | null {
  switch (type) {
    case 'int':
    case 'integer':
    case 'smallint':
      return 'number';
    case 'boolean':
    case 'bool':
      return 'boolean';
    default:
      return TIMESTAMPTZ.has(type) ? 'timestamp' : null;
  }
}

/**
 * A `TextReader` for these [property, column type] pairs, in order: one object literal, as
 * `literalBuilder`'s; with `keyProperty`, that property first, from the reader's `key` argument.
 */
function textReader(columns: readonly (readonly [string, unknown])[], keyProperty?: string): TextReader {
  const entries = columns.map(([property, type], i) => {
    const parse = fromTextOf(type);
    return `${propertyKey(property)}: ${parse ? `parse.${parse}(row[at + ${i}])` : `row[at + ${i}]`}`;
  });
  if (keyProperty !== undefined) {
    entries.unshift(`${propertyKey(keyProperty)}: key`);
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- property names of the code's entities, quoted
  const make = new Function('parse', `return (row, at, key) => ({ ${entries.join(', ')} });`) as (
    parse: typeof FROM_TEXT,
  ) => TextReader;
  return make(FROM_TEXT);
}

/** One of a table's rows for each nested row of another context's statement (see `PlainRows.textLookup`). */
export interface TextLookup<T> {
  /** The clause joining the row, for the nested rows' `FROM`. */
  readonly join: string;
  /** Its elements for the nested rows' `ARRAY[…]`, and how many. */
  readonly elements: string;
  readonly width: number;
  /** The entity out of a nested row's elements from `at` on, given the key's value (null for none). */
  readonly read: (tuple: readonly unknown[], at: number, key: unknown) => T | null;
}

/** Row builders by statement name: one text, one list of columns (checked, in case a table changed). */
const rowBuilders = new Map<string, { names: readonly string[]; build: RowBuilder<unknown[]> }>();

function rowBuilderOf(statement: string, fields: readonly { name: string }[]): RowBuilder<unknown[]> {
  const known = rowBuilders.get(statement);
  if (known && known.names.length === fields.length && known.names.every((n, i) => n === fields[i].name)) {
    return known.build;
  }
  const names = fields.map((f) => f.name);
  // Two columns of one name: where the first stands, the last one's value, as node-postgres has it.
  const pairs = names
    .filter((name, i) => names.indexOf(name) === i)
    .map((name) => [name, names.lastIndexOf(name)] as const);
  const build = literalBuilder<unknown[]>(pairs);
  rowBuilders.set(statement, { names, build });
  return build;
}

/** A row of another context's statement, with the entity its key names (null for none). */
export interface RowBeside<T> {
  readonly row: Record<string, unknown>;
  readonly entity: T | null;
}

/** Sets of columns a table is read with, besides all of them (see `columnsAmong`). */
const MAX_COLUMN_SETS = 8;

/** Texts kept (the code's own: a handful; a bound all the same). */
const MAX_TEXTS = 1_000;

/**
 * Statement names by text. The texts are the code's own: a handful per read, and per list that reads
 * only the asked columns one per set of them (at most MAX_COLUMN_SETS per table, see `columnsAmong`;
 * times six for a network's page: its members' three sets of columns, with or without its area).
 */
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `plain_rows_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/** A set of properties as a key (`*` for every column), worked out once per set. */
function keyOf(only: ReadonlySet<string> | undefined): string {
  if (!only) {
    return '*'; // every column: never the key of a set (an empty set, the key alone, is '=')
  }
  let key = setKeys.get(only);
  if (key === undefined) {
    key = `=${[...only].sort().join(',')}`;
    setKeys.set(only, key);
  }
  return key;
}

const setKeys = new WeakMap<ReadonlySet<string>, string>();
