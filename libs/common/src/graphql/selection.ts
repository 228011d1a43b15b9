import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved asks for the subfield at `path` (`selects(info, 'areas',
 * 'convenors')`: its `areas { convenors }`), in any of its nodes, through fragments too: for a
 * loader that can read what is asked along with the list, in one statement. Only a hint: a loader
 * still answers a subfield it was not told of, with a statement of its own.
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, ...path: string[]): boolean {
  return path.length > 0 && selectionSetsAt(info, path).length > 0;
}

/**
 * Whether a node asking for the subfield at `path` gives it none of `names` as arguments (their
 * defaults apply there): for a loader reading ahead what a field reads by default. Behind fragments
 * nested beyond the depth looked at: yes (only a hint, as `selects`).
 */
export function selectsWithDefaults(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[],
  names: readonly string[],
): boolean {
  const last = path[path.length - 1];
  return selectionSetsAt(info, path.slice(0, -1)).some((set) =>
    fieldsNamed(info, set, last).some(
      (node) => node === UNSEEN_FIELD || !node.arguments?.some((argument) => names.includes(argument.name.value)),
    ),
  );
}

/**
 * The names of the fields asked for at `path` below the field being resolved (none: the field
 * itself), through fragments, in every node that asks for it: for a loader that reads only those
 * columns. Empty if nothing is asked there. Fragments nested more than 8 deep add `DEEPER` instead
 * of their fields: a name no field has, so a reader of "only these columns" reads them all.
 */
export function fieldsAt(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  ...path: string[]
): ReadonlySet<string> {
  // A field of a list's items is resolved once per item with the same nodes: worked out once for them.
  const known = path.length === 0 ? ownFields.get(info.fieldNodes) : undefined;
  if (known) {
    return known;
  }
  const names = new Set<string>();
  const add = (set: SelectionSetNode, depth: number): void => {
    if (depth > 8) {
      names.add(DEEPER); // fragments nested deeper than looked: not a field, so nothing is left out for it
      return;
    }
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(selection.selectionSet, depth + 1);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) {
          add(fragment.selectionSet, depth + 1);
        }
      }
    }
  };
  for (const set of selectionSetsAt(info, path)) {
    add(set, 0);
  }
  if (path.length === 0) {
    ownFields.set(info.fieldNodes, names);
  }
  return names;
}

const ownFields = new WeakMap<object, ReadonlySet<string>>();

/** What `fieldsAt` gives for fragments nested beyond its depth. */
export const DEEPER = '…';

/**
 * A selection set behind fragments nested beyond the depth looked at: it may hold any field, at any
 * path below it, so `selects` finds every path in it and `fieldsAt` gives `DEEPER` there.
 */
const UNSEEN: SelectionSetNode = {
  kind: Kind.SELECTION_SET,
  selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: DEEPER } }],
};

/** A field behind fragments nested beyond the depth looked at: any field, with any arguments. */
const UNSEEN_FIELD: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: DEEPER }, selectionSet: UNSEEN };

/** The nodes of the fields named `name` in a selection set, through fragments (UNSEEN_FIELD past the depth looked at). */
function fieldsNamed(
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  set: SelectionSetNode | undefined,
  name: string,
  depth = 0,
): FieldNode[] {
  return set === UNSEEN || (set && depth > 8)
    ? [UNSEEN_FIELD]
    : !set
      ? []
      : set.selections.flatMap((selection) => {
          switch (selection.kind) {
            case Kind.FIELD:
              return selection.name.value === name ? [selection] : [];
            case Kind.INLINE_FRAGMENT:
              return fieldsNamed(info, selection.selectionSet, name, depth + 1);
            case Kind.FRAGMENT_SPREAD:
              return fieldsNamed(info, info.fragments[selection.name.value]?.selectionSet, name, depth + 1);
          }
        });
}

function selectionSetsAt(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[],
): SelectionSetNode[] {
  let sets: (SelectionSetNode | undefined)[] = info.fieldNodes.map((node) => node.selectionSet);
  for (const name of path) {
    sets = sets.flatMap((set) =>
      fieldsNamed(info, set, name).map((node) => node.selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] }),
    );
  }
  return sets.filter((set): set is SelectionSetNode => set !== undefined);
}
