import type { Rule } from './rule.types';
import { checkP01, checkP02 } from './p-budget';
import { checkP06, checkP07, checkP08 } from './p-expenses';
import { checkP03, checkP04, checkP05 } from './p-indicators';
import { guarded } from './xp-common';

/** Group P of anomaly-rules.md: plausibility of one filing (docs/rules.md). */
export const P_RULES: Rule[] = [
  { id: 'P01', group: 'P', title: '年中预算调整幅度大', defaultSeverity: 'warning', check: guarded(checkP01) },
  { id: 'P02', group: 'P', title: '预算执行率偏低', defaultSeverity: 'warning', check: guarded(checkP02) },
  { id: 'P03', group: 'P', title: '指标全部满分（自评虚高）', defaultSeverity: 'info', check: guarded(checkP03) },
  { id: 'P04', group: 'P', title: '项目目标或指标雷同（套用模板）', defaultSeverity: 'info', check: guarded(checkP04) },
  { id: 'P05', group: 'P', title: '指标值无法衡量', defaultSeverity: 'info', check: guarded(checkP05) },
  { id: 'P06', group: 'P', title: '严控支出超预算', defaultSeverity: 'warning', check: guarded(checkP06) },
  { id: 'P07', group: 'P', title: '严控支出同比变动大', defaultSeverity: 'info', check: guarded(checkP07) },
  { id: 'P08', group: 'P', title: '实际在职人数超编', defaultSeverity: 'warning', check: guarded(checkP08) },
];
