/** The problem-data report with its zod schema (API, docking, web form, OpenAPI); the rules themselves are in ./shape. */
import { shapeToZod } from '../../input/shape-zod';
import { PROBLEM_DATA_SHAPE } from './shape';

export { PROBLEM_TYPES, PROBLEM_TYPE_LABELS, PROBLEM_DATA_SHAPE, checkProblemDataRules, problemDataTitle, type ProblemType, type ProblemDataPayload, type ProblemCatalogFacts } from './shape';

export const problemDataPayloadSchema = shapeToZod(PROBLEM_DATA_SHAPE);
