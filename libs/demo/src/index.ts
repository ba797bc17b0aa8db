/**
 * @app/demo — a deterministic synthetic county: self-evaluation documents in the official text layout,
 * clean or with injected anomalies whose findings are known in advance (for `perfledger demo`, load tests
 * and the rules' end-to-end checks).
 */
export { describeAnomalies, generateCounty } from './generate';
export type { InjectedAnomaly, SyntheticCounty, SyntheticCountyOptions, SyntheticDocument } from './generate';
export { INJECTABLE_RULES } from './inject';
