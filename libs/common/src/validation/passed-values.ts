/**
 * Values class-validator passed, by class and value: the arguments of a field inside a list (an
 * event's `occurrences(from, to)` on a page of events) are the same for every item, and a
 * subscription's the same for every subscriber, yet class-validator walked its metadata once per
 * item. Only values made of text, numbers, booleans, dates and nested objects or lists of them have
 * a key (validators here read nothing else); refusals are worked out every time. Bounded: cleared
 * when full (every value can be validated again).
 */
export class PassedValues {
  private readonly passed = new Map<unknown, Set<string>>();
  private count = 0;

  constructor(private readonly max = MAX_PASSED) {}

  has(object: object, key: string): boolean {
    return this.passed.get(object.constructor)?.has(key) ?? false;
  }

  add(object: object, key: string): void {
    if (this.count >= this.max) {
      this.passed.clear();
      this.count = 0;
    }
    let passed = this.passed.get(object.constructor);
    if (passed === undefined) {
      passed = new Set();
      this.passed.set(object.constructor, passed);
    }
    passed.add(key);
    this.count += 1;
  }
}

const MAX_PASSED = 2_000;
const MAX_KEY_LENGTH = 1_000;
const MAX_DEPTH = 4;

/** The object's own values, nested ones with their class, as one text; undefined for anything else. */
export function valueKeyOf(object: object): string | undefined {
  const parts: unknown[] = [];
  if (!collect(object, parts, 0)) {
    return undefined;
  }
  const key = JSON.stringify(parts);
  return key.length <= MAX_KEY_LENGTH ? key : undefined;
}

/** Appends the object's class and its entries (key, kind, value; a nested object: its own entries). */
function collect(object: object, parts: unknown[], depth: number): boolean {
  if (depth > MAX_DEPTH || isBuiltIn(object) || (Array.isArray(object) && object.length > MAX_KEY_LENGTH / 4)) {
    return false;
  }
  const entries = Object.entries(object);
  parts.push(classIdOf(object), entries.length);
  for (const [key, value] of entries) {
    if (parts.length * 8 > MAX_KEY_LENGTH * 4) {
      return false; // stop walking what could not be a key anyway (a long list is left to class-validator)
    }
    if (typeof value === 'string' && value.length > MAX_KEY_LENGTH) {
      return false;
    }
    if (value instanceof Date) {
      parts.push(key, 'd', String(value.getTime()));
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      parts.push(key, typeof value, Object.is(value, -0) ? '-0' : String(value));
    } else if (value === null || value === undefined) {
      parts.push(key, String(value), '');
    } else if (typeof value === 'object') {
      parts.push(key, 'o');
      if (!collect(value as object, parts, depth + 1)) {
        return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

/** Binary values (for Nest's own check) and collections whose contents entries do not show. */
function isBuiltIn(value: object): boolean {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof RegExp
  );
}

const classIds = new WeakMap<object, number>();
let nextClassId = 1;
function classIdOf(object: object): number {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype === null || typeof prototype !== 'object') {
    return 0;
  }
  let id = classIds.get(prototype);
  if (id === undefined) {
    id = nextClassId++;
    classIds.set(prototype, id);
  }
  return id;
}
