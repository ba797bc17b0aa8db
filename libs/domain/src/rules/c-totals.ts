import { Dec, numericOf } from '../filing/filing.figures';
import type { IndicatorState } from '../filing/filing.state';
import { LEVEL1S } from '../filing/filing.types';
import { LEVEL1_LABELS } from '../filing/filing.view';
import type { CSheet } from './c-support';
import { ROUNDING_NOTE, ROUNDING_NOTE_EN, findingOf, gapSeverity, indicatorPath, pathOf, sheetsOf, show, total, two } from './c-support';
import type { Finding, Rule, RuleInput } from './rule.types';

/**
 * C01–C03: the 总分 row and the 一级 headings against the rows under them (anomaly-rules.md "Totals"):
 * the items of a table are its budget-execution row (年度资金总额) plus its named indicator rows; 其中
 * sub-rows (当年财政拨款, 上年结转资金, 其他资金) are recorded but never summed.
 */

type Field = 'score' | 'weight';

/** The items' stated values of one column: the execution row's and each indicator's (numbers only). */
function items(s: CSheet, field: Field) {
  const exec = numericOf(s.sheet.budget.total?.[field] ?? null);
  const indicators = s.sheet.indicators.flatMap((i): { i: IndicatorState; value: Dec }[] => {
    const value = numericOf(i[field]);
    return value === null ? [] : [{ i, value }];
  });
  const indicatorSum = total(indicators.map((x) => x.value));
  const terms = (exec === null ? 0 : 1) + indicators.length;
  return { exec, indicators, indicatorSum, sum: indicatorSum.plus(exec ?? 0), terms };
}

function totalCheck(rule: Rule, field: Field, input: RuleInput): Finding[] {
  const findings: Finding[] = [];
  const zh = field === 'score' ? { what: '总分自评得分', exec: '执行率得分', ind: '指标得分' } : { what: '总分分值', exec: '执行率分值', ind: '指标分值' };
  const en = field === 'score' ? { what: 'total self score', exec: 'execution score', ind: 'indicator scores' } : { what: 'total weight', exec: 'execution weight', ind: 'indicator weights' };
  for (const s of sheetsOf(input)) {
    const stated = numericOf(s.sheet.total[field]);
    if (stated === null) continue;
    const it = items(s, field);
    if (it.terms === 0) continue;
    const gap = it.sum.minus(stated);
    if (gap.isZero()) continue;
    const severity = gapSeverity(input, gap, it.terms, rule.defaultSeverity);
    const rounding = severity === 'info';
    const parts = it.exec === null ? `${zh.ind} ${show(it.indicatorSum)}；${zh.exec}未填` : `${zh.exec} ${show(it.exec)} + ${zh.ind} ${show(it.indicatorSum)}`;
    const partsEn = it.exec === null ? `${en.ind} ${show(it.indicatorSum)}; no ${en.exec}` : `${en.exec} ${show(it.exec)} + ${en.ind} ${show(it.indicatorSum)}`;
    findings.push(
      findingOf(rule, {
        severity,
        table: s.table,
        paths: [pathOf(s.table, 'total', field), ...(it.exec === null ? [] : [pathOf(s.table, 'budget', field)]), ...it.indicators.map((x) => indicatorPath(s, x.i, field))],
        expected: two(it.sum),
        actual: two(stated),
        message: `${s.label}${zh.what}应为 ${show(it.sum)}（${parts}），表中填报为 ${show(stated)}${rounding ? ROUNDING_NOTE : '：请核对总分或各项' + (field === 'score' ? '得分' : '分值')}`,
        messageEn: `${s.labelEn}: the ${en.what} should be ${show(it.sum)} (${partsEn}); the table states ${show(stated)}${rounding ? ROUNDING_NOTE_EN : ''}`,
      }),
    );
  }
  return findings;
}

export const C01: Rule = {
  id: 'C01',
  group: 'C',
  title: '总分自评得分与各项得分之和不符',
  defaultSeverity: 'error',
  check: (input) => totalCheck(C01, 'score', input),
};

export const C02: Rule = {
  id: 'C02',
  group: 'C',
  title: '总分分值与各项分值之和不符',
  defaultSeverity: 'error',
  check: (input) => totalCheck(C02, 'weight', input),
};

/** The template's weight of a 一级 group, for the hint in a C03 message (null when it has none). */
function templateWeight(s: CSheet, level1: string): Dec | null {
  const g = s.score?.groups.find((x) => x.level1 === level1);
  return g?.templateWeight == null ? null : numericOf(g.templateWeight);
}

export const C03: Rule = {
  id: 'C03',
  group: 'C',
  title: '一级指标表头分值与其下指标分值之和不符',
  defaultSeverity: 'error',
  check(input) {
    const findings: Finding[] = [];
    for (const s of sheetsOf(input)) {
      for (const level1 of LEVEL1S) {
        const declared = numericOf(s.sheet.groups[level1] ?? null);
        if (declared === null) continue;
        const rows = s.sheet.indicators
          .filter((i) => i.level1 === level1)
          .flatMap((i): { i: IndicatorState; w: Dec }[] => {
            const w = numericOf(i.weight);
            return w === null ? [] : [{ i, w }];
          });
        // a heading with no weighted indicator under it: nothing to add up (an unfinished table)
        if (rows.length === 0) continue;
        const sum = total(rows.map((x) => x.w));
        const gap = sum.minus(declared);
        if (gap.isZero()) continue;
        const severity = gapSeverity(input, gap, rows.length, C03.defaultSeverity);
        const label = LEVEL1_LABELS[level1];
        const list = rows.map((x) => `${s.names.get(x.i.indicatorId) ?? x.i.name} ${show(x.w)}`).join('、');
        const tw = templateWeight(s, level1);
        const hint =
          severity === 'info'
            ? ROUNDING_NOTE
            : tw !== null && tw.eq(declared)
              ? `；评价模板规定${label} ${show(tw)} 分，与表头一致，应调整其下各指标分值`
              : '；请核对表头分值或各指标分值';
        findings.push(
          findingOf(C03, {
            severity,
            table: s.table,
            paths: [pathOf(s.table, 'groups', level1, 'weight'), ...rows.map((x) => indicatorPath(s, x.i, 'weight'))],
            expected: two(declared),
            actual: two(sum),
            message: `${s.label}${label}表头分值为 ${show(declared)}，其下各指标分值合计 ${show(sum)}（${list}）${hint}`,
            messageEn: `${s.labelEn}: the ${level1} heading declares ${show(declared)} points, its indicators' weights add up to ${show(sum)}${severity === 'info' ? ROUNDING_NOTE_EN : ''}`,
          }),
        );
      }
    }
    return findings;
  },
};
