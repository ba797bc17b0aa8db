import type { ProjectionName, RebuildResult, RebuildRun } from '@app/projections';
import { cancelRebuild, isProjectionName, PROJECTION_NAMES, rebuildFiling, RebuildFailedError, RebuildRefusedError, runRebuild } from '@app/projections';
import { CliFailure, EXIT, printJson } from '../cli-output';
import { countyOf, unitJson, unitOf, withServices, yearOf } from '../services';

interface RebuildOptions {
  cancel?: boolean;
  filing?: string[];
  county?: string;
  json?: boolean;
}

const LABELS: Record<ProjectionName, string> = { counties: '个行政区划', units: '个单位', templates: '个模板版本', rounds: '个年度评价', filings: '份填报', findings: '条核验发现', users: '个用户' };
const VALID = PROJECTION_NAMES.join('、');

/** The command that resumes a run of these projections. */
const resumeCommand = (names: readonly string[]) => `perfledger rebuild${names.length === PROJECTION_NAMES.length ? '' : ` ${names.join(' ')}`}`;
const CANCEL = '`perfledger rebuild --cancel`';

/**
 * `perfledger rebuild [<projection>…] | --cancel | --filing <unit> <year>`: the blue/green rebuild of the
 * inline read models (docs/operations.md#rebuilding-read-models).
 */
export async function rebuildCommand(projections: string[], options: RebuildOptions): Promise<number> {
  const usage = (message: string) => new CliFailure('invalid-option', message, EXIT.usage);
  if ([projections.length > 0, options.cancel, options.filing].filter(Boolean).length > 1) throw usage('读模型名称、--cancel 与 --filing 只能选用其一');
  if (options.cancel) return cancel(options);
  if (options.filing) {
    if (options.filing.length !== 2) throw usage('用法：perfledger rebuild --filing <单位编码或名称> <年度>');
    return filing(options.filing[0], options.filing[1], options);
  }
  const unknown = projections.filter((p) => !isProjectionName(p));
  if (unknown.length > 0) throw usage(`未知的读模型：${unknown.join('、')}；可重建的读模型为 ${VALID}（不指定则全部重建）`);
  return rebuildAll(PROJECTION_NAMES.filter((p) => projections.length === 0 || projections.includes(p)), options);
}

async function rebuildAll(names: ProjectionName[], options: RebuildOptions): Promise<number> {
  const controller = new AbortController();
  const stop = () => {
    process.stderr.write('\nperfledger: 收到中断信号，完成当前事件流后停止（再按一次 Ctrl-C 立即退出）\n');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const progress = process.stderr.isTTY && !options.json;
  let result: RebuildResult;
  try {
    result = await withServices((s) =>
      runRebuild(s.pool, s.store, {
        projections: names,
        signal: controller.signal,
        onProgress: progress ? (done, total) => process.stderr.write(`\r正在重建：${done}/${total} 个事件流`) : undefined,
      }),
    );
  } catch (error) {
    throw failure(error, names);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (progress) process.stderr.write('\n');
  }
  if (result.status === 'interrupted') {
    const at = result.lastStreamId ? `，已完成到事件流 ${result.lastStreamId}` : '';
    throw new CliFailure('rebuild-interrupted', `重建 #${result.runId} 已中断${at}（本次折叠 ${result.streamsBuilt} 个事件流）。执行 \`${resumeCommand(result.projections)}\` 从断点继续，或执行 ${CANCEL} 放弃`);
  }
  if (options.json) {
    const { runId, status, projections, resumed, resumedAfter, streamsBuilt, caughtUp, refoldedUnderLock, counts, swapped } = result;
    printJson({ runId, status, projections, resumed, resumedAfter, streamsBuilt, caughtUp, refoldedUnderLock, rebuilt: counts, swapped });
    return EXIT.ok;
  }
  const counts = result.projections.map((p) => `${result.counts[p] ?? 0} ${LABELS[p]}`).join('、');
  const from = result.resumed ? `（从断点 ${result.resumedAfter ?? '起点'} 继续）` : '';
  process.stdout.write(
    `已从事件日志重建（重建 #${result.runId}，蓝绿切换）：${counts}；本次折叠 ${result.streamsBuilt} 个事件流${from}，追平 ${result.caughtUp} 个，切换时重折叠 ${result.refoldedUnderLock} 个\n`,
  );
  return EXIT.ok;
}

/** A refused or failed run, as a Chinese message that says what to do next. */
function failure(error: unknown, requested: readonly string[]): unknown {
  if (error instanceof RebuildRefusedError) {
    const run = error.run as RebuildRun;
    if (error.code === 'rebuild-other-projections') {
      return new CliFailure(error.code, `重建 #${run.id}（${run.projections.join('、')}）尚未完成：执行 \`${resumeCommand(run.projections)}\` 继续，或执行 ${CANCEL} 放弃后再重建 ${requested.join('、')}`, EXIT.usage);
    }
    if (error.code === 'rebuild-in-progress') {
      return new CliFailure(error.code, `重建${run ? ` #${run.id}` : ''} 正由另一进程（${run?.owner ?? '未知'}）运行：请等它结束，或在该进程中按 Ctrl-C 中断后再继续或放弃`);
    }
    return new CliFailure(error.code, `重建 #${run?.id} 已被放弃（${CANCEL}）`);
  }
  if (error instanceof RebuildFailedError) {
    if (error.resumable) {
      return new CliFailure('rebuild-failed', `重建 #${error.runId} 出错：${error.message}。排除原因后执行 \`${resumeCommand(error.projections)}\` 从断点继续，或执行 ${CANCEL} 放弃`);
    }
    return new CliFailure('rebuild-failed', `重建 #${error.runId} 失败，影子表已删除：${error.message}（仅重建下级读模型时，上级读模型的现有数据须与日志一致；可执行 perfledger rebuild 全部重建）`);
  }
  return error;
}

async function cancel(options: RebuildOptions): Promise<number> {
  let run: RebuildRun | null;
  try {
    run = await withServices((s) => cancelRebuild(s.pool));
  } catch (error) {
    throw failure(error, []);
  }
  if (options.json) printJson({ cancelled: run ? { runId: run.id, projections: run.projections } : null });
  else process.stdout.write(run ? `已放弃重建 #${run.id}（${run.projections.join('、')}），影子表已删除；在线读模型未改动\n` : '没有未完成的重建\n');
  return EXIT.ok;
}

async function filing(unitName: string, yearText: string, options: RebuildOptions): Promise<number> {
  const year = yearOf(yearText);
  const { unit, rebuilt } = await withServices(async (s) => {
    const unit = await unitOf(s, countyOf(options.county, s.config), unitName);
    return { unit, rebuilt: await rebuildFiling(s.pool, s.store, { countyCode: unit.countyCode, unitCode: unit.code, year }) };
  });
  if (rebuilt.version === 0) throw new CliFailure('filing-not-found', `${unit.name}（${unit.code}）${year} 年度尚无填报`, EXIT.failed);
  if (options.json) printJson({ rebuilt: { filing: { unit: unitJson(unit), year, streamId: rebuilt.streamId }, version: rebuilt.version, findings: rebuilt.findings } });
  else process.stdout.write(`已从事件日志重建 ${unit.name}（${unit.code}）${year} 年度填报：版本 ${rebuilt.version}，核验发现 ${rebuilt.findings} 条\n`);
  return EXIT.ok;
}
