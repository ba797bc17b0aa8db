import type { Rule } from './rule.types';
import { checkX04 } from './x-procurement';
import { checkX01, checkX02 } from './x-projects';
import { checkX03 } from './x-report';
import { guarded } from './xp-common';

/** Group X of anomaly-rules.md: across the tables of one filing (docs/rules.md). */
export const X_RULES: Rule[] = [
  { id: 'X01', group: 'X', title: '附件一项目支出与附件三项目表不一致', defaultSeverity: 'error', check: guarded(checkX01) },
  { id: 'X02', group: 'X', title: '各项目表合计与项目支出不符', defaultSeverity: 'warning', check: guarded(checkX02) },
  { id: 'X03', group: 'X', title: '报告引用数字与表格不一致', defaultSeverity: 'warning', check: guarded(checkX03) },
  { id: 'X04', group: 'X', title: '政府采购金额超过支出总额', defaultSeverity: 'error', check: guarded(checkX04) },
];
