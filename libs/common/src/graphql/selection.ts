import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved asks for the subfield at `path` (`selects(info, 'areas',
 * 'convenors')`: its `areas { convenors }`), in any of its nodes, through fragments too: for a
 * loader that can read what is asked along with the list, in one statement. Only a hint: a loader
 * still answers a subfield it was not told of, with a statement of its own.
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, ...path: string[]): boolean {
  const inside = (set: SelectionSetNode | undefined, name: string, depth = 0): SelectionSetNode[] =>
    depth > 8 || !set
      ? []
      : set.selections.flatMap((selection) => {
          switch (selection.kind) {
            case Kind.FIELD:
              return selection.name.value === name
                ? [selection.selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] }]
                : [];
            case Kind.INLINE_FRAGMENT:
              return inside(selection.selectionSet, name, depth + 1);
            case Kind.FRAGMENT_SPREAD:
              return inside(info.fragments[selection.name.value]?.selectionSet, name, depth + 1);
          }
        });
  let sets: (SelectionSetNode | undefined)[] = info.fieldNodes.map((node) => node.selectionSet);
  for (const name of path) {
    sets = sets.flatMap((set) => inside(set, name));
  }
  return path.length > 0 && sets.length > 0;
}
