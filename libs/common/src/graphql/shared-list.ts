import {
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';

/**
 * A list a resolver hands, as it is, to every request that asks (an unchanged series'
 * occurrences), as one field of one type gives it (`shareList`). The executor may complete it once
 * per selection and send that completion again (apps/api `completed-lists`). Made per call: the
 * field that returns it is the one whose completion is kept, whoever else returns the same items.
 */
export class SharedList<T> implements Iterable<T> {
  constructor(
    /** Frozen; the key its completions are kept by. */
    readonly items: readonly T[],
  ) {}

  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }
}

/** By a field's return type as the schema holds it (list and non-null wrappers included): one lookup a call. */
const resolvesObjectsOnlyByType = new WeakMap<GraphQLOutputType, boolean>();

/**
 * The list as a `SharedList` where it is frozen (its items plain values nothing changes) and the
 * field's item type resolves nothing but non-null objects (an object, a promise or an error, never
 * a leaf or a null that could differ by viewer): a completion holding leaves alone then depends on
 * nothing but the items and the selection (not the viewer, the variables or the time). Otherwise
 * the list as it is.
 */
export function shareList<T>(list: readonly T[], info: Pick<GraphQLResolveInfo, 'returnType'>): Iterable<T> {
  return Object.isFrozen(list) && resolvesObjectsOnly(info.returnType) ? new SharedList(list) : list;
}

function resolvesObjectsOnly(type: GraphQLOutputType): boolean {
  let known = resolvesObjectsOnlyByType.get(type);
  if (known === undefined) {
    const item = getNamedType(type);
    known =
      isObjectType(item) &&
      Object.values(item.getFields()).every(
        (field) => !field.resolve || (isNonNullType(field.type) && !isLeafType(getNamedType(field.type))),
      );
    resolvesObjectsOnlyByType.set(type, known);
  }
  return known;
}
