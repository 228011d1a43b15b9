// Decorator metadata for Nest, TypeORM and class-validator, before any test module loads.
import 'reflect-metadata';
