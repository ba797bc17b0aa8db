import { readFile } from 'node:fs/promises';
import type { TableScore } from '@app/domain';
import { LEVEL1_LABELS, SHIPPED_TEMPLATES } from '@app/domain';
import { cliContext, inTransaction, scoreOfFiling, TEMPLATE_CATALOGUE, TemplateRoundHandler, templateByRef } from '@app/application';
import { listRounds, listTemplates } from '@app/projections';
import { AppError } from '@app/shared';
import { EXIT, printJson } from '../cli-output';
import type { CliServices } from '../services';
import { countyOf, unitJson, unitOf, withServices, yearOf } from '../services';

const dash = (v: string | null | undefined) => v ?? '—';

function tableLines(t: TableScore): string[] {
  const lines = [`【${t.table === 'overall' ? '附件二 部门整体' : `附件三 ${t.table.slice('project:'.length)}`}】（分值 / 自评得分 → 建议得分）`];
  if (t.execution) {
    const e = t.execution;
    lines.push(`  预算执行率 ${dash(e.rate)}：分值 ${dash(e.stated.weight)}，自评 ${dash(e.stated.score)} → 建议 ${dash(e.suggested)}${e.notes.length ? `（${e.notes.join('；')}）` : ''}`);
  }
  for (const g of t.groups) {
    lines.push(`  ${LEVEL1_LABELS[g.level1]}：表头分值 ${dash(g.declaredWeight)}，指标分值合计 ${g.stated.weight}，自评合计 ${g.stated.score} → 建议 ${g.suggested}（模板分值 ${dash(g.templateWeight)}）`);
    for (const i of t.indicators.filter((x) => x.level1 === g.level1)) {
      const flag = i.needsReview ? ' ⚠需人工复核' : '';
      lines.push(`    ${i.name}：目标 ${i.target.printed ?? '—'}，实际 ${i.actual.printed ?? '—'}，分值 ${dash(i.stated.weight)}，自评 ${dash(i.stated.score)} → 建议 ${dash(i.suggested)}${flag}`);
    }
  }
  lines.push(`  总分：表中 ${dash(t.total.stated.score)} / ${dash(t.total.stated.weight)}，各项自评合计 ${t.total.statedItems.score}，建议 ${t.total.suggested} / ${t.total.weight}`);
  lines.push(`  等级：${t.grade.statedWord ? `报告填报“${t.grade.statedWord}”，` : ''}表中总分对应 ${dash(t.grade.ofStatedTotal)}，建议 ${dash(t.grade.suggested)}${t.needsReview ? `；${t.needsReview} 项需人工复核` : ''}`);
  return lines;
}

/** `perfledger score <unit> <year> [--template <ref>]`: stated and suggested scores, row by row. */
export async function scoreCommand(unitName: string, yearText: string, options: { county?: string; template?: string; json?: boolean }): Promise<number> {
  const year = yearOf(yearText);
  const { unit, result } = await withServices(async (s) => {
    const unit = await unitOf(s, countyOf(options.county, s.config), unitName);
    return { unit, result: await scoreOfFiling(s.pool, s.filings, { countyCode: unit.countyCode, unitCode: unit.code, year }, options.template) };
  });
  if (result.version === 0) throw new AppError('NotFound', 'filing-not-found', `${unit.name} ${year} 年度尚无填报`, { field: 'year' });
  const template = `${result.score.template.id}@${result.score.template.version}`;
  if (options.json) {
    printJson({ unit: unitJson(unit), year, version: result.version, templateVersion: result.assigned, scoredWith: template, tables: result.score.tables });
  } else {
    process.stdout.write(`${unit.name} ${year} 年度 · 评分模板 ${template}${result.assigned && result.assigned !== template ? `（填报记录的版本为 ${result.assigned}）` : ''}\n`);
    for (const t of result.score.tables) process.stdout.write(`${tableLines(t).join('\n')}\n`);
  }
  return EXIT.ok;
}

/** `perfledger rescore <unit> <year> --template <ref>`: record that the filing is scored under another version. */
export async function rescoreCommand(unitName: string, yearText: string, options: { county?: string; template: string; reason?: string; json?: boolean }): Promise<number> {
  const year = yearOf(yearText);
  const result = await withServices(async (s: CliServices) => {
    const unit = await unitOf(s, countyOf(options.county, s.config), unitName);
    const templates = new TemplateRoundHandler(s.pool, s.store, TEMPLATE_CATALOGUE);
    const context = cliContext(options.reason);
    return inTransaction(s.pool, async (client) => {
      const t = await templates.resolveTemplate(client, options.template, context);
      const ref = { countyCode: unit.countyCode, unitCode: unit.code, year };
      return { unit, r: await s.filings.executeIn(client, ref, { type: 'AssignTemplate', templateId: t.templateId, templateVersion: t.version, basis: 'rescore' }, context), t };
    });
  });
  const templateVersion = `${result.t.templateId}@${result.t.version}`;
  if (options.json) printJson({ unit: unitJson(result.unit), year, version: result.r.version, templateVersion, appended: result.r.appended });
  else process.stdout.write(result.r.appended ? `已改为按 ${templateVersion} 评分（版本 ${result.r.version}）\n` : `已是按 ${templateVersion} 评分，未作改动\n`);
  return EXIT.ok;
}

export async function templatesCommand(options: { json?: boolean }): Promise<number> {
  const rows = await withServices((s) => listTemplates(s.pool));
  const published = new Set(rows.map((r) => r.templateId));
  const shipped = SHIPPED_TEMPLATES.filter((t) => !published.has(t.id)).map((t) => ({ templateId: t.id, version: t.version, name: t.name, note: '随系统提供，首次使用时发布为第 1 版', publishedAt: null }));
  const all = [...rows, ...shipped];
  if (options.json) printJson({ templates: all });
  else for (const t of all) process.stdout.write(`${t.templateId}@${t.version}\t${t.name}\t${t.publishedAt ?? '未发布'}\t${t.note ?? ''}\n`);
  return EXIT.ok;
}

export async function templateShowCommand(ref: string, options: { json?: boolean }): Promise<number> {
  const template = await withServices((s) => templateByRef(s.pool, ref));
  if (options.json) printJson({ template });
  else process.stdout.write(`${JSON.stringify(template, null, 2)}\n`);
  return EXIT.ok;
}

export async function templatePublishCommand(templateId: string, file: string, options: { name?: string; note?: string; json?: boolean }): Promise<number> {
  let definition: unknown;
  try {
    definition = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AppError('InvalidInput', 'template-file-unreadable', `无法读取模板文件 ${file}：${(error as Error).message}`, { field: 'file' });
  }
  const name = options.name ?? (definition as { name?: string })?.name ?? '';
  const result = await withServices((s) => new TemplateRoundHandler(s.pool, s.store, TEMPLATE_CATALOGUE).publishTemplate(templateId, name, definition, options.note ?? null, cliContext(options.note)));
  if (options.json) printJson({ templateVersion: `${result.templateId}@${result.version}`, appended: result.appended });
  else process.stdout.write(result.appended ? `已发布 ${result.templateId}@${result.version}\n` : `与最新版本 ${result.templateId}@${result.version} 相同，未发布新版本\n`);
  return EXIT.ok;
}

export async function roundOpenCommand(yearText: string, options: { county?: string; template?: string; deadline: string; reason?: string; json?: boolean }): Promise<number> {
  const year = yearOf(yearText);
  const round = await withServices((s) =>
    new TemplateRoundHandler(s.pool, s.store, TEMPLATE_CATALOGUE).openRound(countyOf(options.county, s.config), year, options.deadline, options.template ?? 'national-default', cliContext(options.reason)),
  );
  const templateVersion = `${round.templateId}@${round.templateVersion}`;
  if (options.json) printJson({ round: { county: round.countyCode, year: round.year, deadline: round.deadline, templateVersion } });
  else process.stdout.write(`已开启 ${round.countyCode} ${round.year} 年度评价，截止 ${round.deadline}，评分模板 ${templateVersion}\n`);
  return EXIT.ok;
}

export async function roundSetCommand(yearText: string, options: { county?: string; template?: string; deadline?: string; reason?: string; json?: boolean }): Promise<number> {
  const year = yearOf(yearText);
  if (!options.template && !options.deadline) throw new AppError('InvalidInput', 'nothing-to-change', '请用 --template 或 --deadline 指定要修改的内容', { field: 'template' });
  const round = await withServices((s) =>
    new TemplateRoundHandler(s.pool, s.store, TEMPLATE_CATALOGUE).changeRound(countyOf(options.county, s.config), year, { template: options.template, deadline: options.deadline }, cliContext(options.reason)),
  );
  const templateVersion = `${round.templateId}@${round.templateVersion}`;
  if (options.json) printJson({ round: { county: round.countyCode, year: round.year, deadline: round.deadline, templateVersion } });
  else process.stdout.write(`${round.countyCode} ${round.year} 年度评价：截止 ${round.deadline}，评分模板 ${templateVersion}\n`);
  return EXIT.ok;
}

export async function roundsCommand(options: { county?: string; json?: boolean }): Promise<number> {
  const rounds = await withServices((s) => listRounds(s.pool, options.county?.trim() || s.config.defaultCounty || undefined));
  const body = rounds.map((r) => ({ county: r.countyCode, year: r.year, deadline: r.deadline, templateVersion: `${r.templateId}@${r.templateVersion}` }));
  if (options.json) printJson({ rounds: body });
  else if (body.length === 0) process.stdout.write('尚未开启任何年度评价（perfledger round open <年度> --deadline <日期>）\n');
  else for (const r of body) process.stdout.write(`${r.county}\t${r.year}\t截止 ${r.deadline}\t${r.templateVersion}\n`);
  return EXIT.ok;
}
