import { readLayout } from './layout';
import type { LayoutItem } from './layout';

const structural = (line: string) => /^附件|^填表人|^说明/u.test(line);
/** Rows as arrays of cell texts, text lines as strings. */
const shape = (items: LayoutItem[]) => items.map((i) => (i.kind === 'row' ? i.cells.map((c) => c.text) : i.text));

describe('readLayout: cells, rows and text lines', () => {
  it.each<[string, string, (string | string[])[]]>([
    ['cells on their own lines, rows separated by a blank line', '\ta\n\tb\n\n\tc', [['a', 'b'], ['c']]],
    ['an empty cell is a tab-only line', '\ta\n\t\n\tc', [['a', '', 'c']]],
    ['text lines outside the table', '附件一\n\n标题\n\ta', ['附件一', '标题', ['a']]],
    ['an unindented line right after a cell continues it', '\t产出指标\n(50 分)\n\t数量指标', [['产出指标\n(50 分)', '数量指标']]],
    ['a label broken across lines', '\t二级指\n标\n\t三级指标', [['二级指\n标', '三级指标']]],
    [
      'the goal block: inside a cell, a blank line and an unindented line continue the cell',
      '\t\n\t1.甲；\n\n2.乙；\n3.丙。\n\t1.甲；\n\n2.乙。\n\n\t下一行',
      [['', '1.甲；\n2.乙；\n3.丙。', '1.甲；\n2.乙。'], ['下一行']],
    ],
    ['two blank lines end the cell', '\t甲\n\n\n正文', [['甲'], '正文']],
    ['an empty cell is not continued across a blank line', '\t\n\n正文', [[''], '正文']],
    ['a structural line never continues a cell', '\t总分\n\t98\n填表人：甲', [['总分', '98'], '填表人：甲']],
    ['nor after a blank line', '\t甲\n\n附件二', [['甲'], '附件二']],
    ['stray spaces before the tab still make a cell', '  \ta\n\u3000\tb', [['a', 'b']]],
    ['CRLF, CR and LF all end lines', '\ta\r\n\tb\r\r\n\tc\n', [['a', 'b'], ['c']]],
    ['a byte-order mark is dropped', '\uFEFF附件一', ['附件一']],
    ['nothing', '', []],
  ])('%s', (_what, text, expected) => {
    expect(shape(readLayout(text, structural))).toEqual(expected);
  });

  it('numbers lines from 1, and keeps each line of a cell', () => {
    const [row] = readLayout('\n\t产出指标\n(50 分)\n\t数量', structural);
    expect(row).toMatchObject({ kind: 'row', line: 2 });
    expect(row.kind === 'row' && row.cells[0].lines).toEqual([
      { text: '产出指标', line: 2 },
      { text: '(50 分)', line: 3 },
    ]);
    expect(row.kind === 'row' && row.cells[1].line).toBe(4);
  });
});
