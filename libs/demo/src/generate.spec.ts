import { describeAnomalies, generateCounty } from './generate';
import { INJECTABLE_RULES } from './inject';

describe('generateCounty: determinism and shape', () => {
  it('gives byte-identical output for the same options', () => {
    const a = generateCounty({ units: 25, seed: 42 });
    const b = generateCounty({ units: 25, seed: 42 });
    expect(b).toEqual(a);
    expect(b.documents.map((d) => d.text).join('\u0000')).toBe(a.documents.map((d) => d.text).join('\u0000'));
    expect(JSON.stringify(b.anomalies)).toBe(JSON.stringify(a.anomalies));
  });

  it('gives different documents for a different seed', () => {
    const a = generateCounty({ units: 10, seed: 1, countyName: '云溪县' });
    const b = generateCounty({ units: 10, seed: 2, countyName: '云溪县' });
    expect(b.documents.map((d) => d.text)).not.toEqual(a.documents.map((d) => d.text));
    expect(b.documents.filter((d, i) => d.text !== a.documents[i].text).length).toBeGreaterThan(5);
  });

  it('names every unit once, realistically, after its county (departments first, then township by township)', () => {
    const county = generateCounty({ units: 300, seed: 7, countyName: '云溪县' });
    const names = county.documents.map((d) => d.unitName);
    expect(new Set(names).size).toBe(300);
    expect(names.every((n) => n.startsWith('云溪县'))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['云溪县农业农村局', '云溪县教育局', '云溪县人民医院', '云溪县水利局']));
    expect(names.filter((n) => /^云溪县..[镇乡]人民政府$/u.test(n)).length).toBeGreaterThan(50);
  });

  it('keeps names unique beyond the two-character township names (5,000 units)', () => {
    const names = generateCounty({ units: 5000, seed: 3, anomalyRate: 0 }).documents.map((d) => d.unitName);
    expect(new Set(names).size).toBe(5000);
  });

  it('injects one to three anomalies into round(units × anomalyRate) units, and marks the others clean', () => {
    for (const [units, rate] of [[40, 0.3], [33, 0.5], [20, 0], [15, 1]] as const) {
      const county = generateCounty({ units, seed: 9, anomalyRate: rate });
      const injected = new Set(county.anomalies.map((a) => a.unitName));
      expect(injected.size).toBe(Math.round(units * rate));
      for (const d of county.documents) {
        const own = county.anomalies.filter((a) => a.unitName === d.unitName);
        expect([d.unitName, d.clean]).toEqual([d.unitName, own.length === 0]);
        expect(own.length).toBeLessThanOrEqual(3);
        expect(new Set(own.map((a) => a.ruleId)).size).toBe(own.length);
      }
    }
  });

  it('defaults: year 2024, anomalyRate 0.3, a county name drawn from the seed', () => {
    const county = generateCounty({ units: 10, seed: 5 });
    expect(county.year).toBe(2024);
    expect(county.county).toMatch(/县$/u);
    expect(new Set(county.anomalies.map((a) => a.unitName)).size).toBe(3);
    expect(generateCounty({ units: 3, seed: 5, year: 2023 }).documents[0].text).toContain('2023年度部门整体支出绩效评价基础数据表');
    expect(generateCounty({ units: 0, seed: 5 })).toMatchObject({ documents: [], anomalies: [] });
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateCounty({ units: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateCounty({ units: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateCounty({ units: 1, seed: Number.NaN })).toThrow(RangeError);
    expect(() => generateCounty({ units: 1, seed: 1, anomalyRate: 1.2 })).toThrow(RangeError);
    expect(() => generateCounty({ units: 1, seed: 1, year: 24 })).toThrow(RangeError);
  });

  it('records each anomaly with its rule, table, first path and a Chinese description', () => {
    const county = generateCounty({ units: 30, seed: 11, anomalyRate: 1 });
    for (const a of county.anomalies) {
      expect(INJECTABLE_RULES).toContain(a.ruleId);
      expect(a.table).toMatch(/^(?:basic|overall|report|project:.+)$/u);
      expect(a.path.startsWith(a.table === 'basic' || a.table === 'overall' || a.table === 'report' ? `${a.table}.` : a.table)).toBe(true);
      expect(a.what).toMatch(/[\u4e00-\u9fff]/u);
    }
  });

  it('describes the anomalies as a printable Chinese list, unit by unit', () => {
    const county = generateCounty({ units: 12, seed: 4, anomalyRate: 0.5, countyName: '云溪县' });
    const text = describeAnomalies(county);
    expect(text.split('\n')[0]).toBe(`云溪县2024年度合成数据：共 12 个单位，其中 6 个单位注入了 ${county.anomalies.length} 处异常：`);
    for (const a of county.anomalies) expect(text).toContain(`${a.ruleId}（`);
    for (const a of county.anomalies) expect(text).toContain(a.what);
    expect(describeAnomalies(generateCounty({ units: 2, seed: 4, anomalyRate: 0, countyName: '云溪县' }))).toBe('云溪县2024年度合成数据：共 2 个单位，其中 0 个单位注入了 0 处异常。\n');
  });
});
