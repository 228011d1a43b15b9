import { Geography1795460973071 } from './1795460973071-Geography';
import { Organisations1795462831964 } from './1795462831964-Organisations';

// Migrations in the order they apply. Add new ones at the end; never edit one that has shipped.
export const migrations = [Geography1795460973071, Organisations1795462831964];
