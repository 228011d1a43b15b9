import { Action, areaArgument, fieldsOf, operationPolicy, textOr } from '@app/common';

/** Who may run geography's root operations (the API's guard enforces them; docs/authorization.md lists them). */
export const geographyOperationPolicy = operationPolicy('geography', {
  'Query.policeForceAreas': { action: Action.ANYONE },
  'Query.policeForceArea': { action: Action.ANYONE, reach: areaArgument('code') },
  'Query.localAuthorities': {
    action: Action.ANYONE,
    reach: {
      of: (args) => ({ policeForceAreaCode: textOr(fieldsOf(args.filter).policeForceAreaCode) }),
      name: 'the area named in `filter`',
    },
  },
  'Query.localAuthority': { action: Action.ANYONE },
});
