export { isSelfEvaluation, parseSelfEvaluation } from './self-evaluation.parser';
export type { NotUnderstood, ParseWarning, ParsedAdjustment, ParsedFigure, ParsedProject, ParsedSelfEvaluation } from './self-evaluation.types';
