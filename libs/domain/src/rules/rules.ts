import { C_RULES } from './c-rules';
import { P_RULES } from './p-rules';
import type { Finding, Rule, RuleInput } from './rule.types';
import { X_RULES } from './x-rules';

/** Every per-filing rule (groups C, X, P of anomaly-rules.md), in catalogue order. */
export const PER_FILING_RULES: readonly Rule[] = Object.freeze([...C_RULES, ...X_RULES, ...P_RULES]);

/** Runs the rules on one filing; a rule that throws (a bug) is reported as such, never stops the others. */
export function checkFiling(input: RuleInput, rules: readonly Rule[] = PER_FILING_RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      findings.push(...rule.check(input));
    } catch (error) {
      findings.push({
        ruleId: rule.id,
        severity: 'info',
        table: 'overall',
        paths: [],
        expected: null,
        actual: null,
        message: `规则 ${rule.id} 未能完成检查（程序错误，已记录）：${error instanceof Error ? error.message : String(error)}`,
        messageEn: `rule ${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return findings;
}
