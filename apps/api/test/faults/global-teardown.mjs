import { rmSync } from 'node:fs';

export default function globalTeardown() {
  if (process.env.FAULTS_TEMPLATE_ROOT) {
    rmSync(process.env.FAULTS_TEMPLATE_ROOT, { recursive: true, force: true });
  }
}
