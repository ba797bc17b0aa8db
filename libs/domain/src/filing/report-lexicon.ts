/**
 * Figures the narrative report (附件四) quotes, and the table figure each should equal (PRODUCT.md
 * "Quoted figures"; compared by rule X03). `report.quoted.<label>` accepts these labels only.
 * `equals` is a figure path, or a sum over every project's 附件三 cell (`project:*.<field path>`);
 * null where the four tables hold no such figure (the quote is kept, not compared). The labels are
 * PRODUCT.md's list; which projects a 项目支出 quote covers (the report's section 二 speaks of the general
 * public budget only) is the comparing rule's concern (X03), not the lexicon's.
 */
export interface QuotedLabel {
  label: string;
  equals: string | null;
  meaning: string;
  /**
   * The quote is spending (支出) while the figure it is compared with is a split of the full-year budget:
   * they agree only when everything was spent, so rule X03 compares them only then.
   */
  spending?: true;
}

export const QUOTED_LABELS: readonly QuotedLabel[] = [
  { label: '一般公共预算拨款支出', equals: 'overall.funds.generalPublic', meaning: 'general public budget appropriation spent', spending: true },
  { label: '基本支出预算数', equals: 'overall.funds.basic', meaning: 'basic expenditure budget' },
  { label: '项目支出年初预算', equals: 'project:*.budget.initial', meaning: "projects' initial budget" },
  { label: '年中追加', equals: 'project:*.budget.adjustment', meaning: "projects' mid-year additions (全年 − 年初)" },
  { label: '项目支出全年预算', equals: 'project:*.budget.full', meaning: "projects' full-year budget" },
  { label: '政府性基金预算财政拨款收入', equals: 'overall.funds.govFund', meaning: 'government fund appropriation received' },
  { label: '政府性基金支出', equals: 'overall.funds.govFund', meaning: 'government fund spending', spending: true },
  { label: '社会保险基金支出预算', equals: null, meaning: 'social insurance fund spending budget (not in the tables)' },
  { label: '编制数', equals: 'basic.staffing.authorized', meaning: 'authorised establishment' },
  { label: '在职人数', equals: 'basic.staffing.actual', meaning: 'staff in post' },
];

export function quotedLabel(label: string): QuotedLabel | undefined {
  return QUOTED_LABELS.find((q) => q.label === label);
}

/** Grade words as printed, mapped to the four bands for comparison; the printed word is kept. */
export const GRADE_WORDS: Readonly<Record<string, '优' | '良' | '中' | '差'>> = {
  优: '优',
  优秀: '优',
  良: '良',
  良好: '良',
  中: '中',
  中等: '中',
  合格: '中',
  差: '差',
  较差: '差',
  不合格: '差',
};

export function gradeOfWord(printed: string | null): '优' | '良' | '中' | '差' | null {
  if (printed === null) return null;
  const word = printed.trim().replace(/[“”"。．.\s]/gu, '');
  return Object.hasOwn(GRADE_WORDS, word) ? GRADE_WORDS[word] : null;
}
