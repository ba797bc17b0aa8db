import { DEFAULT_GRADE_BANDS, NATIONAL_DEFAULT_TEMPLATE, gradeOf, gradeOfWord } from '../index';
import { indicator, overallScore, withParameters } from './testing.spec-support';

/** Grade bands: ≥ 90 优, 80–90 良, 60–80 中, < 60 差 — a band includes its lower edge. */

describe('grade bands', () => {
  it.each([
    ['100', '优'],
    ['90', '优'],
    ['90.00', '优'],
    ['89.99', '良'],
    ['80', '良'],
    ['79.99', '中'],
    ['60', '中'],
    ['59.99', '差'],
    ['0', '差'],
  ])('%s → %s', (total, grade) => {
    expect(gradeOf(total)).toBe(grade);
  });

  it('a total out of another weight is scaled to 100 first', () => {
    expect(gradeOf('99', DEFAULT_GRADE_BANDS, '110')).toBe('优'); // 90
    expect(gradeOf('98.99', DEFAULT_GRADE_BANDS, '110')).toBe('良'); // 89.99…
    expect(gradeOf('45', DEFAULT_GRADE_BANDS, '50')).toBe('优');
    expect(gradeOf('0', DEFAULT_GRADE_BANDS, '0')).toBeNull();
  });

  it('the stated word maps to a band (优秀→优, 良好→良, 合格→中, 不合格→差)', () => {
    expect(['优秀', '良好', '合格', '中等', '不合格', '较差', '“良好”。'].map(gradeOfWord)).toEqual(['优', '良', '中', '中', '差', '差', '良']);
  });
});

describe('a table’s grade', () => {
  // execution 10 + 产出 50 × actual + 效益 30 × 66.67% (20.00) + 满意度 10
  const table = (actual: string, template = NATIONAL_DEFAULT_TEMPLATE) =>
    overallScore(
      {
        'overall.budget.full': '100',
        'overall.budget.executed': '100',
        ...indicator('output.quality.指标', '100%', actual, '50', '40'),
        ...indicator('benefit.social.效益', '100%', '66.67%', '30', '20'),
        ...indicator('satisfaction.serviceTarget.满意度', '100%', '100%', '10', '10'),
        'overall.total.weight': '100',
        'overall.total.score': '89.99',
        'report.statedGrade': '良好',
      },
      template,
    );

  it('89.99 → 良, 90 → 优 (the suggested total)', () => {
    expect(table('99.98%')).toMatchObject({ total: { suggested: '89.99' }, grade: { suggested: '良' } }); // 50 × 0.9998 = 49.99
    expect(table('100%')).toMatchObject({ total: { suggested: '90.00' }, grade: { suggested: '优' } });
    expect(table('80%')).toMatchObject({ total: { suggested: '80.00' }, grade: { suggested: '良' } });
    expect(table('79.98%')).toMatchObject({ total: { suggested: '79.99' }, grade: { suggested: '中' } });
  });

  it('beside the stated word and the band of the printed 总分', () => {
    expect(table('100%').grade).toEqual({ statedWord: '良好', stated: '良', ofStatedTotal: '良', suggested: '优' });
  });

  it('bands are a parameter', () => {
    const strict = withParameters(NATIONAL_DEFAULT_TEMPLATE, (p) => {
      p.grades = [
        { grade: '优', min: '95' },
        { grade: '良', min: '85' },
        { grade: '中', min: '70' },
        { grade: '差', min: '0' },
      ];
    });
    expect(table('100%', strict).grade.suggested).toBe('良');
  });
});
