/**
 * What `parseSelfEvaluation` returns (docs/import.md): every cell of the four tables as a figure path,
 * the projects and how their 附件一 lines and 附件三 tables are linked, the adjustments the document
 * states, and everything it could not place. Pure data, no framework.
 */

/** One cell: its v1 figure path, the stored value (`normaliseValue`, `null` for an empty cell), where it is printed. */
export interface ParsedFigure {
  path: string;
  value: string | null;
  /** 1-based line of the document */
  line: number;
  /** the cell's text as printed (the part that is the value, e.g. "208.37" of "其中： 一般公共预算：208.37") */
  printed: string;
}

/**
 * A project: its 附件三 table name and/or its 附件一 line name (normalised, never with `#n`). Listed in the
 * order to add them: 附件一 lines in printed order (each with its linked table), then tables with no line.
 * Paths show duplicate names as `#2`, `#3` in that order (the domain's display rule).
 */
export interface ParsedProject {
  name: string | null;
  lineName: string | null;
  link: 'name' | 'figures' | null;
}

/** An adjustment the document states (附件一 部门基本支出预算调整, or a 追加/调减 amount quoted in the report). */
export interface ParsedAdjustment {
  /** the 全年预算数 it belongs to: `overall.budget.full` or `project:<name>.budget.full` */
  path: string;
  direction: 'increase' | 'decrease';
  /** a positive amount in 万元, as printed (folded) */
  amount: string;
  reason: string;
  line: number;
}

/** A line or row the parser could not place: reported, never dropped silently, never guessed. */
export interface NotUnderstood {
  line: number;
  text: string;
  why: string;
}

export interface ParseWarning {
  line: number | null;
  message: string;
}

export interface ParsedSelfEvaluation {
  /** from the titles ("2023年度…") */
  year: number | null;
  /** 附件二 预算部门、单位名称, else 附件三 实施单位, else the report's cover or title */
  unitName: string | null;
  /** 'basic' | 'overall' | 'project:<name>' | 'report', in document order */
  tablesFound: string[];
  projects: ParsedProject[];
  figures: ParsedFigure[];
  adjustments: ParsedAdjustment[];
  notUnderstood: NotUnderstood[];
  warnings: ParseWarning[];
  /** per table key as in tablesFound: the number of figures with a non-null value */
  figuresRead: Record<string, number>;
}
