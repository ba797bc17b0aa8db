import { rebuildReadModels } from '@app/projections';
import { EXIT, printJson } from '../cli-output';
import { withServices } from '../services';

export async function rebuildCommand(options: { json?: boolean }): Promise<number> {
  const counts = await withServices((s) => rebuildReadModels(s.pool, s.store));
  if (options.json) printJson({ rebuilt: counts });
  else process.stdout.write(`已从事件日志重建：${counts.counties} 个行政区划、${counts.units} 个单位、${counts.templates} 个模板版本、${counts.rounds} 个年度评价、${counts.filings} 份填报、${counts.findings} 条核验发现\n`);
  return EXIT.ok;
}
