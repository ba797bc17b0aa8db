import { cliContext } from '@app/application';
import { listCounties, listUnits } from '@app/projections';
import { EXIT, printJson } from '../cli-output';
import { countyOf, withServices } from '../services';

const KIND_ZH = { administrative: '行政', institution: '事业' } as const;

export async function countyAddCommand(code: string, name: string, options: { json?: boolean }): Promise<number> {
  const result = await withServices((s) => s.units.registerCounty(code, name, cliContext()));
  if (options.json) printJson({ county: { code: result.code, name: result.name }, created: result.created });
  else process.stdout.write(result.created ? `已登记行政区划 ${result.code} ${result.name}\n` : `行政区划 ${result.code} ${result.name} 已存在，未作改动\n`);
  return EXIT.ok;
}

export async function countiesCommand(options: { json?: boolean }): Promise<number> {
  const counties = await withServices((s) => listCounties(s.pool));
  if (options.json) printJson({ counties: counties.map((c) => ({ code: c.code, name: c.name })) });
  else if (counties.length === 0) process.stdout.write('尚未登记任何行政区划（perfledger county add <代码> <名称>）\n');
  else for (const c of counties) process.stdout.write(`${c.code}\t${c.name}\n`);
  return EXIT.ok;
}

export async function unitAddCommand(
  code: string,
  name: string,
  options: { county?: string; parent?: string; kind?: string; reason?: string; json?: boolean },
): Promise<number> {
  const result = await withServices((s) =>
    s.units.registerUnit(
      { countyCode: countyOf(options.county, s.config), code, name, supervisingDepartment: options.parent ?? null, kind: options.kind ?? 'administrative' },
      cliContext(options.reason),
    ),
  );
  const u = result.unit;
  if (options.json) {
    printJson({ unit: { code: u.code, name: u.name, county: u.countyCode }, supervisingDepartment: u.supervisingDepartment, kind: u.kind, version: result.version });
  } else {
    process.stdout.write(`已登记单位 ${u.code} ${u.name}（${KIND_ZH[u.kind]}，主管部门：${u.supervisingDepartment ?? '无'}，行政区划 ${u.countyCode}）\n`);
  }
  return EXIT.ok;
}

export async function unitsCommand(options: { county?: string; json?: boolean }): Promise<number> {
  const units = await withServices((s) => listUnits(s.pool, options.county?.trim() || s.config.defaultCounty || undefined));
  if (options.json) {
    printJson({
      units: units.map((u) => ({ unit: { code: u.code, name: u.name, county: u.countyCode }, supervisingDepartment: u.supervisingDepartment, kind: u.kind })),
    });
  } else if (units.length === 0) {
    process.stdout.write('尚无单位（perfledger unit add <编码> <名称>）\n');
  } else {
    for (const u of units) process.stdout.write(`${u.countyCode}\t${u.code}\t${u.name}\t${KIND_ZH[u.kind]}\t${u.supervisingDepartment ?? ''}\n`);
  }
  return EXIT.ok;
}
