import type { Cell } from './layout';

/** Helpers for reading a row's cells against its header. */

export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === undefined || cell.text.trim() === '';
}

export function allEmpty(cells: Cell[]): boolean {
  return cells.every((c) => isEmptyCell(c));
}

/** Index of the first cell with text, -1 when every cell is empty. */
export function firstFilled(cells: Cell[]): number {
  return cells.findIndex((c) => !isEmptyCell(c));
}

/**
 * The `n` value cells after the label at `labelIndex` ("label, v1 … vn"): cells before the label must be
 * empty (merged columns), cells beyond the n-th must be empty too. Null when the row does not fit.
 */
export function valuesAfter(cells: Cell[], labelIndex: number, n: number): Cell[] | null {
  if (cells.slice(0, labelIndex).some((c) => !isEmptyCell(c))) return null;
  const values = cells.slice(labelIndex + 1);
  if (values.length < n) return null;
  if (values.slice(n).some((c) => !isEmptyCell(c))) return null;
  return values.slice(0, n);
}

/**
 * The last `n` cells of a values row printed under a header of `n` labelled columns (a leading merged
 * cell is empty); null when a cell before them holds text or the row is short.
 */
export function rightAligned(cells: Cell[], n: number): Cell[] | null {
  if (cells.length >= n && cells.slice(0, cells.length - n).every((c) => isEmptyCell(c))) return cells.slice(cells.length - n);
  let end = cells.length;
  while (end > n && isEmptyCell(cells[end - 1])) end--;
  if (end === n) return cells.slice(0, n);
  return null;
}

/** A row's cells aligned one to one with a header of `n` columns (extra trailing empty cells allowed). */
export function aligned(cells: Cell[], n: number): Cell[] | null {
  if (cells.length < n) return null;
  if (cells.slice(n).some((c) => !isEmptyCell(c))) return null;
  return cells.slice(0, n);
}

export function cellText(cell: Cell | undefined): string {
  return cell ? cell.text.trim() : '';
}
