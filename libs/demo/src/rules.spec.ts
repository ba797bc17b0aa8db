import type { Finding } from '@app/domain';
import { PER_FILING_RULES } from '@app/domain';
import { findingsOfDocument, keyOf } from './filing.spec-support';
import type { SyntheticCounty } from './generate';
import { generateCounty } from './generate';
import { INJECTABLE_RULES } from './inject';

/**
 * The key property of the generator: built through the domain's commands exactly as the importer's
 * service records a document, scored under national-default and checked with every per-filing rule
 * (C01–C16, X01–X04, P01–P08), a clean unit raises no finding at all, and an injected unit raises
 * exactly its injected anomalies — a finding of the anomaly's rule, table and first path each.
 */

interface Checked {
  unitName: string;
  clean: boolean;
  injected: string[];
  findings: Finding[];
}

function check(county: SyntheticCounty): Checked[] {
  return county.documents.map((d) => ({
    unitName: d.unitName,
    clean: d.clean,
    injected: county.anomalies.filter((a) => a.unitName === d.unitName).map(keyOf),
    findings: findingsOfDocument(d.text).findings,
  }));
}

const brief = (f: Finding) => `${keyOf(f)} (${f.severity}): ${f.message}`;

describe.each([1, 2])('seed %i: 40 units, half of them injected', (seed) => {
  let checked: Checked[];
  beforeAll(() => {
    checked = check(generateCounty({ units: 40, seed, anomalyRate: 0.5 }));
  });

  it('has clean and injected units', () => {
    expect(checked.filter((c) => c.clean)).toHaveLength(20);
    expect(checked.filter((c) => !c.clean)).toHaveLength(20);
  });

  it('clean units raise no finding at all', () => {
    for (const c of checked.filter((x) => x.clean)) expect([c.unitName, c.findings.map(brief)]).toEqual([c.unitName, []]);
  });

  it('every injected anomaly is found: a finding with its rule, table and first path', () => {
    for (const c of checked.filter((x) => !x.clean)) {
      const found = c.findings.map(keyOf);
      for (const key of c.injected) expect([c.unitName, key, found.includes(key)]).toEqual([c.unitName, key, true]);
    }
  });

  it('injected units raise no finding other than their injected ones (one finding each)', () => {
    for (const c of checked.filter((x) => !x.clean)) {
      expect([c.unitName, c.findings.map(keyOf).sort()]).toEqual([c.unitName, [...c.injected].sort()]);
    }
  });
});

describe('the injection catalogue', () => {
  it('covers every per-filing rule (C01–C16, X01–X04, P01–P08)', () => {
    expect([...INJECTABLE_RULES].sort()).toEqual(PER_FILING_RULES.map((r) => r.id).sort());
  });

  it('makes each rule fire, alone, in a county where every unit is injected', () => {
    const checked = check(generateCounty({ units: 90, seed: 3, anomalyRate: 1 }));
    const injected = new Set(checked.flatMap((c) => c.injected.map((k) => k.split(' ')[0])));
    expect([...injected].sort()).toEqual([...INJECTABLE_RULES].sort());
    for (const c of checked) expect([c.unitName, c.findings.map(keyOf).sort()]).toEqual([c.unitName, [...c.injected].sort()]);
  });
});
