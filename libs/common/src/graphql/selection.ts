import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved asks for its subfield `name` (in any of its nodes, through
 * fragments too): for a loader that can read what is asked along with the list, in one statement.
 * Only a hint: a loader still answers a subfield it was not told of, with a statement of its own.
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const within = (set: SelectionSetNode | undefined, depth: number): boolean =>
    depth < 8 &&
    (set?.selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === name;
        case Kind.INLINE_FRAGMENT:
          return within(selection.selectionSet, depth + 1);
        case Kind.FRAGMENT_SPREAD:
          return within(info.fragments[selection.name.value]?.selectionSet, depth + 1);
      }
    }) ??
      false);
  return info.fieldNodes.some((node) => within(node.selectionSet, 0));
}
