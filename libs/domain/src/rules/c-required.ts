import type { CellValue } from '../filing/filing.events';
import type { Finding, Rule } from './rule.types';
import { findingOf, indicatorLabel, indicatorLabelEn, indicatorPath, isEmpty, pathOf, sheetsOf } from './c-support';

/**
 * C16: required fields left empty (anomaly-rules.md "Required fields"): 主管部门 and 实施单位 of each
 * project, each indicator's 年度指标值, 填表人 and 填报日期 of each table, the report cover's unit name — and
 * nothing else (not 单位负责人签字, left blank for a wet signature; not 联系电话). `——` is written, not empty.
 * A table's sign-off is asked for only when the table holds figures (附件一, 附件二); every 附件三 is a table.
 */
export const C16: Rule = {
  id: 'C16',
  group: 'C',
  title: '必填项未填写',
  defaultSeverity: 'info',
  check(input) {
    const findings: Finding[] = [];
    const state = input.state;
    const paths = Object.keys(input.figures);
    const holds = (head: string) => paths.some((p) => p.startsWith(`${head}.`));
    const missing = (table: string, path: string, zh: string, en: string) =>
      findings.push(findingOf(C16, { table, paths: [path], expected: null, actual: null, message: `${zh}未填写`, messageEn: `${en} is empty` }));
    const signoff = (table: string, label: string, labelEn: string, cells: Partial<Record<string, CellValue>>) => {
      if (isEmpty(cells.preparer)) missing(table, pathOf(table, 'signoff', 'preparer'), `${label}填表人`, `${labelEn}: 填表人 (preparer)`);
      if (isEmpty(cells.date)) missing(table, pathOf(table, 'signoff', 'date'), `${label}填报日期`, `${labelEn}: 填报日期 (date)`);
    };

    if (holds('basic')) signoff('basic', '附件一', '附件一 (basic)', state.basic.signoff);
    for (const s of sheetsOf(input)) {
      if (s.kind === 'overall' && !holds('overall')) continue;
      if (s.kind === 'project') {
        if (isEmpty(s.sheet.header.department)) missing(s.table, pathOf(s.table, 'department'), `${s.label}主管部门`, `${s.labelEn}: 主管部门 (supervising department)`);
        if (isEmpty(s.sheet.header.implementer)) missing(s.table, pathOf(s.table, 'implementer'), `${s.label}实施单位`, `${s.labelEn}: 实施单位 (implementing unit)`);
      }
      for (const i of s.sheet.indicators) {
        if (isEmpty(i.target)) missing(s.table, indicatorPath(s, i, 'target'), `${s.label}${indicatorLabel(s, i)}的年度指标值`, `${s.labelEn}: the target of ${indicatorLabelEn(s, i)}`);
      }
      signoff(s.table, s.label, s.labelEn, s.sheet.signoff);
    }
    if (holds('report') && isEmpty(state.report.cover.unitName) && !reportNamesUnit(state.report.sections, state.overall.header.unitName)) {
      missing('report', pathOf('report', 'cover', 'unitName'), '自评报告封面的部门（单位）名称', 'the report cover: the unit name');
    }
    return findings;
  },
};

/**
 * The cover's 部门（单位）名称 line is often left for the seal (“（盖章）”) while the report's title names the
 * unit; the title is not a cell, so a report whose text names the unit (附件二's 单位名称) counts as naming it.
 */
function reportNamesUnit(sections: Partial<Record<string, CellValue>>, unitName: CellValue | undefined): boolean {
  const name = unitName?.trim();
  if (!name) return false;
  return Object.values(sections).some((text) => typeof text === 'string' && text.includes(name));
}
