/**
 * The text layout of a self-evaluation document (docs/import.md, "Layout"): table cells on their own
 * lines, indented by a tab; rows separated by blank lines; an empty cell is a tab-only line; a cell may
 * continue on unindented lines that follow it, and — inside a cell that has text — after one blank line
 * (a numbered list in one cell). Everything else is a text line (headings, titles, sign-off, the report).
 */

export interface CellLine {
  text: string;
  line: number;
}

export interface Cell {
  /** the cell's lines joined by "\n" (blank lines inside the cell dropped) */
  text: string;
  /** first line */
  line: number;
  lines: CellLine[];
}

export interface RowItem {
  kind: 'row';
  line: number;
  cells: Cell[];
}

export interface TextItem {
  kind: 'text';
  line: number;
  text: string;
}

export type LayoutItem = RowItem | TextItem;

/** Lines of the document: CRLF, CR and LF all end a line; a byte-order mark is dropped. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
}

const CELL_LINE = /^[ \u3000]*\t/u;
const BLANK_LINE = /^[ \u3000\u00a0]*$/u;

/**
 * Rows and text lines of the document, in order. `isStructural` names the unindented lines that never
 * continue a cell (headings, titles, sign-off lines, notes, report headings).
 */
export function readLayout(text: string, isStructural: (line: string) => boolean): LayoutItem[] {
  const items: LayoutItem[] = [];
  let row: RowItem | null = null;
  let cell: Cell | null = null;
  let blanks = 0;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = i + 1;
    if (BLANK_LINE.test(raw)) {
      blanks++;
      continue;
    }
    if (CELL_LINE.test(raw)) {
      const content = raw.replace(/^[ \u3000]*\t+/u, '').trimEnd();
      const next: Cell = { text: content, line, lines: [{ text: content, line }] };
      if (row && blanks === 0) row.cells.push(next);
      else {
        row = { kind: 'row', line, cells: [next] };
        items.push(row);
      }
      cell = next;
      blanks = 0;
      continue;
    }
    const content = raw.trim();
    const continues = cell !== null && !isStructural(content) && (blanks === 0 || (blanks === 1 && cell.text.trim() !== ''));
    if (continues && cell) {
      cell.lines.push({ text: content, line });
      cell.text = cell.text === '' ? content : `${cell.text}\n${content}`;
      blanks = 0;
      continue;
    }
    row = null;
    cell = null;
    blanks = 0;
    items.push({ kind: 'text', line, text: content });
  }
  return items;
}
