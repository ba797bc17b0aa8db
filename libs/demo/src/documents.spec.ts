import { parseSelfEvaluation } from '@app/importers';
import { generateCounty } from './generate';

/**
 * Every generated document is a self-evaluation the importer reads completely: the four attachments, the
 * unit's name and the year, nothing left not understood. A clean document raises no parser warning either
 * (an injected one may: C08's 部门基本支出预算调整 matches no budget, on purpose).
 */
describe.each([
  { seed: 1, year: 2024 },
  { seed: 2, year: 2023 },
])('documents of seed $seed (year $year)', ({ seed, year }) => {
  const county = generateCounty({ units: 40, seed, year, anomalyRate: 0.5 });

  it.each(county.documents.map((d) => [d.unitName, d] as const))('%s parses fully', (_name, d) => {
    const parsed = parseSelfEvaluation(d.text);
    expect(parsed.notUnderstood).toEqual([]);
    expect(parsed.unitName).toBe(d.unitName);
    expect(parsed.year).toBe(year);
    expect(parsed.tablesFound[0]).toBe('basic');
    expect(parsed.tablesFound[1]).toBe('overall');
    expect(parsed.tablesFound[parsed.tablesFound.length - 1]).toBe('report');
    const projects = parsed.tablesFound.filter((t) => t.startsWith('project:'));
    expect(projects.length).toBeGreaterThanOrEqual(1);
    expect(projects.length).toBeLessThanOrEqual(4);
    // every 附件三 is linked to its 附件一 line by name
    expect(parsed.projects.filter((p) => p.name !== null).every((p) => p.lineName === p.name && p.link === 'name')).toBe(true);
    if (d.clean) expect(parsed.warnings).toEqual([]);
  });
});
