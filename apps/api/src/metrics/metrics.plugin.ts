import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from './metrics';

/** Times each GraphQL operation over HTTP and counts its errors by code. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            metrics.errors.inc({ code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' });
          }
          return Promise.resolve();
        },
        willSendResponse({ operationName, operation }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.operationDuration.observe(
            { operation: metrics.operationLabel(operationName), type: operation?.operation ?? 'unknown' },
            seconds,
          );
          return Promise.resolve();
        },
      });
    },
  };
}
