import { CountySummaryService } from '@app/application';
import { findCounty, listCounties } from '@app/projections';
import { AppError } from '@app/shared';
import { EXIT, printJson } from '../cli-output';
import { withServices, yearOf } from '../services';

/**
 * `perfledger summary <county> <year>`: the county's units, budgets, scores, grades, findings and ranking —
 * as the worker's job stored it when that is current, else computed now from the read models (`source`).
 */
export async function summaryCommand(countyText: string, yearText: string, options: { json?: boolean }): Promise<number> {
  const year = yearOf(yearText);
  const { summary, source, computedAt } = await withServices(async (s) => {
    const county = (await findCounty(s.pool, countyText.trim())) ?? (await listCounties(s.pool)).find((c) => c.name === countyText.trim()) ?? null;
    if (!county) throw new AppError('NotFound', 'county-not-found', `没有代码或名称为“${countyText}”的行政区划（perfledger counties 可列出全部）`, { field: 'county' });
    return new CountySummaryService(s.pool).current(county.code, year);
  });
  if (options.json) {
    printJson({ ...summary, source, computedAt });
    return EXIT.ok;
  }
  const f = summary.filings;
  const lines = [
    `${summary.county.name}（${summary.county.code}）${year} 年度：单位 ${summary.units} 个；填报 草稿 ${f.draft}、已送审 ${f.submitted}、审核通过 ${f.accepted}、已公开 ${f.published}、未填报 ${f.none}`,
    `全年预算数 ${summary.budget.full} 万元，全年执行数 ${summary.budget.executed} 万元，执行率 ${summary.budget.rate}`,
    `平均自评得分 ${summary.scores.selfAverage ?? '—'}，平均建议得分 ${summary.scores.computedAverage ?? '—'}`,
    `等级（报告所述）优 ${summary.grades.stated.优} 良 ${summary.grades.stated.良} 中 ${summary.grades.stated.中} 差 ${summary.grades.stated.差}；（建议）优 ${summary.grades.computed.优} 良 ${summary.grades.computed.良} 中 ${summary.grades.computed.中} 差 ${summary.grades.computed.差}`,
    `待处理核验发现：错误 ${summary.findings.bySeverity.error}，警告 ${summary.findings.bySeverity.warning}，提示 ${summary.findings.bySeverity.info}`,
    '排名（自评得分高于建议得分最多者在前）：',
    ...summary.ranking.map((r, i) => `  ${i + 1}. ${r.unit.name}（${r.unit.code}）自评 ${r.selfScore ?? '—'}，建议 ${r.computedScore ?? '—'}，差 ${r.gap ?? '—'}，错误 ${r.openErrors}`),
    source === 'stored' ? `（后台任务于 ${computedAt} 汇总，与当前数据一致）` : '（按当前数据即时计算）',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
