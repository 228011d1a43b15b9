import { reportNestedConnections } from './nested-connections';

// jest.config.mjs adds this setup file only when TEST_REPORT_NESTED_CONNECTIONS names a file.
reportNestedConnections(process.env.TEST_REPORT_NESTED_CONNECTIONS as string);
