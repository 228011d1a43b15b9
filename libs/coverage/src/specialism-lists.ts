import type { SpecialismEntity } from '@app/organisations';

/** Distinct lists kept for one vocabulary: an area's codes come from its figures, a few sets per area. */
const MAX_LISTS = 512;

/**
 * The vocabulary read with the figures, by code, and the lists of it the areas show (present,
 * missing priorities), each made once and frozen: kept with the vocabulary between requests (until
 * the versions the figures read move), so each request hands out the same lists, which the executor
 * completes and writes once (`shareList`) instead of once per area per request.
 */
export class SpecialismLists {
  private readonly byCode: ReadonlyMap<string, SpecialismEntity>;
  private readonly lists = new Map<string, readonly SpecialismEntity[]>();

  /** Freezes the vocabulary's entities: every request shares them. */
  constructor(vocabulary: readonly SpecialismEntity[]) {
    this.byCode = new Map(vocabulary.map((specialism) => [specialism.code, Object.freeze(specialism)]));
  }

  get(code: string): SpecialismEntity | undefined {
    return this.byCode.get(code);
  }

  /** These codes' specialisms in their order, unknown codes left out (as the loader leaves them); kept ones frozen. */
  listOf(codes: readonly string[]): readonly SpecialismEntity[] {
    const key = codes.join('\0'); // PostgreSQL text holds no NUL: one key per list of codes
    const kept = this.lists.get(key);
    if (kept) {
      return kept;
    }
    const list = codes.flatMap((code) => this.byCode.get(code) ?? []);
    if (this.lists.size >= MAX_LISTS) {
      return list; // not frozen, so not shared: no completion kept for a list no request sees again
    }
    this.lists.set(key, Object.freeze(list));
    return list;
  }
}
