import { C06, C08, C09, C10, C11, C12 } from './c-budget';
import { C15 } from './c-grade';
import { C16 } from './c-required';
import { C05, C13, C14 } from './c-scores';
import { C04, C07 } from './c-template';
import { C01, C02, C03 } from './c-totals';
import type { Rule } from './rule.types';

/**
 * Group C of anomaly-rules.md: consistency inside one table (docs/rules.md). Each rule is a pure function
 * of one filing (`RuleInput`) and never throws: a figure it cannot read makes it silent (property-tested in
 * c-rules.properties.spec.ts). The rules are not wrapped in a catch-all: `checkFiling` (rules.ts) reports a
 * rule that throws anyway as a bug instead of hiding it.
 */
export const C_RULES: Rule[] = [C01, C02, C03, C04, C05, C06, C07, C08, C09, C10, C11, C12, C13, C14, C15, C16];
