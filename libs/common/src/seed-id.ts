import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace so seeded reference rows get the same ids on every machine and run. */
const CONVENE_SEED_NAMESPACE = '6f1d8a4e-2b7c-5e90-9a43-0c5d7e8f1b21';

export function seedId(kind: string, naturalKey: string): string {
  return uuidv5(`${kind}:${naturalKey}`, CONVENE_SEED_NAMESPACE);
}
