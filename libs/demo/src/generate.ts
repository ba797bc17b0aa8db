import type { UnitPlan } from './build';
import { buildUnit } from './build';
import type { InjectedAnomaly } from './inject';
import { inject } from './inject';
import { Random, mixSeed } from './random';
import { renderUnit } from './render';
import type { CountyUnit } from './vocabulary';
import { COUNTY_NAMES, COUNTY_UNITS, TOWNSHIP_FIRST, TOWNSHIP_SECOND, TOWNSHIP_THIRD, TOWNSHIP_UNITS } from './vocabulary';

export type { InjectedAnomaly } from './inject';

export interface SyntheticCountyOptions {
  /** how many units (documents) */
  units: number;
  /** the PRNG's seed: the same options give byte-identical output */
  seed: number;
  /** the year evaluated (default 2024) */
  year?: number;
  /** default: a county name drawn from the seed */
  countyName?: string;
  /** the share of units with injected anomalies, 0 … 1 (default 0.3) */
  anomalyRate?: number;
}

export interface SyntheticDocument {
  unitName: string;
  /** the document in the official text layout, all four attachments */
  text: string;
  /** no anomaly injected: no per-filing rule raises anything on it */
  clean: boolean;
}

export interface SyntheticCounty {
  county: string;
  year: number;
  documents: SyntheticDocument[];
  anomalies: InjectedAnomaly[];
}

/** Township names, in a seeded order: two characters, then three when two run out, then numbered. */
function townshipNames(count: number, rng: Random): string[] {
  const two = rng.shuffle(TOWNSHIP_FIRST.flatMap((a) => TOWNSHIP_SECOND.map((b) => a + b)));
  const names = two.slice(0, count);
  for (let k = 0; names.length < count; k++) {
    const stem = two[k % two.length];
    const round = Math.floor(k / two.length);
    names.push(round < TOWNSHIP_THIRD.length ? stem + TOWNSHIP_THIRD[round] : `${stem}${round - TOWNSHIP_THIRD.length + 2}`);
  }
  return names;
}

/** The county's units: its departments and institutions (a sample in the bureau's order), then township by township. */
function planUnits(count: number, county: string, year: number, rng: Random): UnitPlan[] {
  const areaCode = `0${rng.int(730, 799)}`;
  const own = (suffix: string) => `${county}${suffix}`;
  const plans: Omit<UnitPlan, 'index'>[] = [];
  const add = (name: string, def: CountyUnit, department: string) => plans.push({ name, def, department, county, year, areaCode });
  const countyLevel = count >= COUNTY_UNITS.length ? [...COUNTY_UNITS] : rng.sample(COUNTY_UNITS, count).sort((a, b) => COUNTY_UNITS.indexOf(a) - COUNTY_UNITS.indexOf(b));
  for (const def of countyLevel) add(own(def.suffix), def, own(def.parent ?? def.suffix));
  const towns = townshipNames(Math.ceil(Math.max(0, count - plans.length) / TOWNSHIP_UNITS.length), rng);
  for (const town of towns) {
    const place = `${county}${town}${rng.chance(0.7) ? '镇' : '乡'}`;
    for (const def of TOWNSHIP_UNITS) {
      if (plans.length >= count) break;
      const department = def.parent ? own(def.parent) : `${place}人民政府`;
      add(`${place}${def.suffix}`, def, department);
    }
  }
  return plans.slice(0, count).map((p, index) => ({ ...p, index }));
}

function check(options: SyntheticCountyOptions): void {
  if (!Number.isInteger(options.units) || options.units < 0) throw new RangeError(`units must be a whole number ≥ 0, got ${options.units}`);
  if (!Number.isFinite(options.seed)) throw new RangeError(`seed must be a number, got ${options.seed}`);
  const rate = options.anomalyRate ?? 0.3;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`anomalyRate must be within 0 … 1, got ${rate}`);
  if (options.year !== undefined && !(Number.isInteger(options.year) && options.year >= 2000 && options.year <= 2099)) throw new RangeError(`year must be 2000 … 2099, got ${options.year}`);
}

/**
 * A synthetic county: `units` self-evaluation documents in the official text layout, consistent on the
 * clean units (no per-filing rule fires), with one to three injected anomalies on about `anomalyRate` of
 * them, each listed with the rule, table and first path of the finding it causes. Deterministic: the
 * same options give byte-identical output (a seeded mulberry32, nothing else varies).
 */
export function generateCounty(options: SyntheticCountyOptions): SyntheticCounty {
  check(options);
  const seed = Math.trunc(options.seed) >>> 0;
  const year = options.year ?? 2024;
  const rng = new Random(mixSeed(seed, 0x636f756e));
  const county = options.countyName ?? rng.pick(COUNTY_NAMES);
  const plans = planUnits(options.units, county, year, rng);
  const flagged = new Set(rng.sample(plans.map((p) => p.index), Math.round(options.units * (options.anomalyRate ?? 0.3))));
  const documents: SyntheticDocument[] = [];
  const anomalies: InjectedAnomaly[] = [];
  for (const plan of plans) {
    const unitRng = new Random(mixSeed(seed, plan.index + 1));
    const unit = buildUnit(plan, unitRng);
    const made = flagged.has(plan.index) ? inject(unit, unitRng, unitRng.weighted([[1, 50], [2, 30], [3, 20]] as const)) : [];
    anomalies.push(...made);
    documents.push({ unitName: unit.name, text: renderUnit(unit), clean: made.length === 0 });
  }
  return { county, year, documents, anomalies };
}

/** The injected anomalies as a printable list in Chinese (for `perfledger demo`). */
export function describeAnomalies(county: SyntheticCounty): string {
  const units = new Set(county.anomalies.map((a) => a.unitName));
  const lines = [
    `${county.county}${county.year}年度合成数据：共 ${county.documents.length} 个单位，其中 ${units.size} 个单位注入了 ${county.anomalies.length} 处异常` +
      (county.anomalies.length ? '：' : '。'),
  ];
  let n = 0;
  let current: string | null = null;
  for (const a of county.anomalies) {
    if (a.unitName !== current) {
      current = a.unitName;
      lines.push(`${++n}. ${a.unitName}`);
    }
    lines.push(`   - ${a.ruleId}（${tableName(a.table)}，${a.path}）：${a.what}`);
  }
  return `${lines.join('\n')}\n`;
}

function tableName(table: string): string {
  if (table === 'basic') return '附件一';
  if (table === 'overall') return '附件二';
  if (table === 'report') return '附件四';
  return `附件三“${table.slice('project:'.length)}”`;
}
