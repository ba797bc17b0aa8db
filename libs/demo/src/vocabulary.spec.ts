import { TARGET_UNITS, normaliseName } from '@app/domain';
import type { IndicatorSpec } from './vocabulary';
import { COUNTY_UNITS, KIND_SPECS, OVERALL_SPECS, SECTORS, UNIT_PROJECTS } from './vocabulary';

/** The content lists hold only measurable indicators and names the importer keeps as printed. */
const projects = Object.values(SECTORS).flatMap((s) => s.projects);
const specs: IndicatorSpec[] = [
  ...projects.flatMap((p) => p.specs),
  ...Object.values(KIND_SPECS).flatMap((k) => [...k.quality, ...k.timeliness, ...k.sustainable]),
  ...OVERALL_SPECS.quantity,
  ...OVERALL_SPECS.quality,
  ...OVERALL_SPECS.timeliness,
  ...OVERALL_SPECS.sustainable,
];

describe('vocabulary', () => {
  it('names rates …率 (a percentage of a named base), and gives every quantity a unit the scorer reads', () => {
    for (const [, name, kind, unit, min, max] of specs) {
      if (unit === '%' || kind === 'r') expect([name, /率|满意度|比例|占比/u.test(name)]).toEqual([name, true]);
      if (kind !== 'd') expect([name, TARGET_UNITS.includes(unit)]).toEqual([name, true]);
      expect([name, min <= max]).toEqual([name, true]);
    }
  });

  it('prints names the importer keeps as they are (no numbering, no dot, no #)', () => {
    for (const name of [...specs.map((s) => s[1]), ...projects.map((p) => p.name)]) {
      expect([name, normaliseName(name) === name && !/[.#]/u.test(name)]).toEqual([name, true]);
    }
  });

  it('has unique project names, each with a quantity to state its goal by', () => {
    expect(new Set(projects.map((p) => p.name)).size).toBe(projects.length);
    for (const p of projects) expect([p.name, p.specs.some(([l2]) => l2 === 'quantity')]).toEqual([p.name, true]);
    for (const list of Object.values(UNIT_PROJECTS)) for (const name of list ?? []) expect(projects.map((p) => p.name)).toContain(name);
  });

  it('lists each county unit once, its 主管部门 among them', () => {
    const suffixes = COUNTY_UNITS.map((u) => u.suffix);
    expect(new Set(suffixes).size).toBe(suffixes.length);
    for (const u of COUNTY_UNITS) if (u.parent) expect(suffixes).toContain(u.parent);
  });
});
