import { Action, areaArgument, operationPolicy, PLACELESS } from '@app/common';

/** Who may run coverage's root operations (enforced by the API's guard). */
export const coverageOperationPolicy = operationPolicy('coverage', {
  'Query.coverage': { action: Action.ANYONE },
  'Query.coverageHistory': { action: Action.ANYONE, reach: areaArgument('policeForceAreaCode') },
  'Query.coveragePriorities': { action: Action.ANYONE, reach: PLACELESS },
  'Mutation.setCoveragePriorities': {
    action: Action.PLATFORM_ADMINS,
    resourceName: 'the national coverage priorities',
  },
});
