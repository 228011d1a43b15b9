// Decorator metadata for Nest, TypeORM and class-validator, before any test module loads.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';

// Tests provoke failures on purpose; show only errors unless asked (TEST_LOG=1).
if (!process.env.TEST_LOG) {
  Logger.overrideLogger(['error', 'fatal']);
}
