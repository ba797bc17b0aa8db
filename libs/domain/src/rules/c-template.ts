import { Dec, numericOf } from '../filing/filing.figures';
import { LEVEL1_LABELS } from '../filing/filing.view';
import type { ExecutionNode, TemplateNode } from '../scoring/template.types';
import { ROUNDING_NOTE, ROUNDING_NOTE_EN, findingOf, gapSeverity, indicatorPath, pathOf, sheetsOf, show, total, two } from './c-support';
import type { Finding, Rule, RuleInput } from './rule.types';

/** C04, C07: a table against the round's template (weights of the 一级 items, the execution score). */

function templateName(input: RuleInput): string {
  return `“${input.template.name}”（${input.template.id} v${input.template.version}）`;
}

export const C04: Rule = {
  id: 'C04',
  group: 'C',
  title: '一级指标分值与评价模板不一致',
  defaultSeverity: 'warning',
  check(input) {
    const findings: Finding[] = [];
    const tname = templateName(input);
    for (const s of sheetsOf(input)) {
      const t = s.score;
      if (!t) continue;
      // 预算执行率: the 年度资金总额 row's 分值 against the template's execution node
      const exec = t.execution;
      const statedExec = numericOf(s.sheet.budget.total?.weight ?? null);
      const templateExec = exec ? numericOf(exec.weight) : null;
      if (exec && statedExec !== null && templateExec !== null && !statedExec.eq(templateExec)) {
        findings.push(
          findingOf(C04, {
            table: s.table,
            paths: [pathOf(s.table, 'budget', 'weight')],
            expected: two(templateExec),
            actual: two(statedExec),
            message: `${s.label}预算执行率分值为 ${show(statedExec)}，评价模板${tname}规定为 ${show(templateExec)}`,
            messageEn: `${s.labelEn}: the execution row weighs ${show(statedExec)}; the template ${input.template.id} v${input.template.version} gives it ${show(templateExec)}`,
          }),
        );
      }
      // 产出 / 效益 / 满意度: the heading's declared weight, else (no heading) the sum of the indicators' 分值
      for (const g of t.groups) {
        if (g.templateWeight === null) continue;
        const tw = numericOf(g.templateWeight);
        if (tw === null) continue;
        const declared = numericOf(s.sheet.groups[g.level1] ?? null);
        const weighted = s.sheet.indicators.filter((i) => i.level1 === g.level1 && numericOf(i.weight) !== null);
        const sum = total(weighted.map((i) => numericOf(i.weight) as Dec));
        const weight = declared ?? (weighted.length > 0 ? sum : null);
        if (weight === null || weight.eq(tw)) continue;
        const label = LEVEL1_LABELS[g.level1];
        findings.push(
          findingOf(C04, {
            table: s.table,
            paths: declared !== null ? [pathOf(s.table, 'groups', g.level1, 'weight')] : weighted.map((i) => indicatorPath(s, i, 'weight')),
            expected: two(tw),
            actual: two(weight),
            message: `${s.label}${label}分值为 ${show(weight)}${declared === null ? '（表头未标注，按其下各指标分值合计）' : ''}，评价模板${tname}规定为 ${show(tw)}`,
            messageEn: `${s.labelEn}: the ${g.level1} group weighs ${show(weight)}${declared === null ? " (no heading: its indicators' sum)" : ''}; the template gives it ${show(tw)}`,
          }),
        );
      }
    }
    return findings;
  },
};

/** The template's execution node of a tree (the first, at any depth). */
function executionNode(nodes: readonly TemplateNode[]): ExecutionNode | null {
  for (const n of nodes) {
    if (n.kind === 'execution') return n;
    if (n.kind === 'group') {
      const found = executionNode(n.children);
      if (found) return found;
    }
  }
  return null;
}

/** How the template scores 执行率, in words. */
function ruleWords(node: ExecutionNode | null, weight: Dec): { zh: string; en: string } {
  const m = node?.method;
  if (m?.kind === 'proportional') {
    const full = show(new Dec(m.full));
    const below = m.zeroBelow === null ? '' : `，执行率低于 ${show(new Dec(m.zeroBelow))}% 得 0 分`;
    const belowEn = m.zeroBelow === null ? '' : `, 0 below ${show(new Dec(m.zeroBelow))}%`;
    return {
      zh: `min(执行率, ${full}%) ÷ ${full}% × 分值 ${show(weight)}${below}`,
      en: `min(rate, ${full}%) / ${full}% × weight ${show(weight)}${belowEn}`,
    };
  }
  return { zh: `按模板的执行率评分规则，分值 ${show(weight)}`, en: `the template's execution rule on weight ${show(weight)}` };
}

export const C07: Rule = {
  id: 'C07',
  group: 'C',
  title: '预算执行率得分与模板规则不符',
  defaultSeverity: 'warning',
  check(input) {
    const findings: Finding[] = [];
    for (const s of sheetsOf(input)) {
      const ex = s.score?.execution;
      // only where the template computes the score from the figures (not pending, not a person's, not 0/0)
      if (!ex || ex.status !== 'scored' || ex.needsReview || ex.method === 'manual' || ex.method === null || ex.suggested === null) continue;
      const stated = numericOf(ex.stated.score);
      const templateWeight = numericOf(ex.weight);
      const suggested = numericOf(ex.suggested);
      if (stated === null || templateWeight === null || suggested === null || templateWeight.isZero()) continue;
      // on the weight the table states (a different 分值 is C04's): the template's score scaled to it
      const weight = numericOf(ex.stated.weight) ?? templateWeight;
      const expected = suggested.times(weight).dividedBy(templateWeight).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
      const gap = stated.minus(expected);
      if (gap.isZero()) continue;
      const severity = gapSeverity(input, gap, 1, C07.defaultSeverity);
      const tree = s.kind === 'overall' ? input.template.trees.overall : input.template.trees.project;
      const words = ruleWords(executionNode(tree), weight);
      const rate = ex.rate ?? '';
      findings.push(
        findingOf(C07, {
          severity,
          table: s.table,
          paths: [pathOf(s.table, 'budget', 'score'), pathOf(s.table, 'budget', 'rate'), pathOf(s.table, 'budget', 'weight'), pathOf(s.table, 'budget', 'executed'), pathOf(s.table, 'budget', 'full')],
          expected: two(expected),
          actual: two(stated),
          message: `${s.label}预算执行率得分应为 ${show(expected)}（执行率 ${rate}，${words.zh}），表中填报为 ${show(stated)}${severity === 'info' ? ROUNDING_NOTE : ''}`,
          messageEn: `${s.labelEn}: the execution score should be ${show(expected)} (rate ${rate}, ${words.en}); the table states ${show(stated)}${severity === 'info' ? ROUNDING_NOTE_EN : ''}`,
        }),
      );
    }
    return findings;
  },
};
