/** The conditional open-data application with its zod schema (API, web form, OpenAPI); the rules themselves are in ./shape. */
import { shapeToZod } from '../../input/shape-zod';
import { CONDITIONAL_OPEN_SHAPE } from './shape';

export { DEFAULT_USE_DAYS, MAX_USE_DAYS, CONDITIONAL_OPEN_SHAPE, OPEN_PLATFORM, checkConditionalOpenRules, conditionalOpenTitle, type ConditionalOpenPayload, type OpenCatalogFacts, type RuleRefusal } from './shape';

export const conditionalOpenPayloadSchema = shapeToZod(CONDITIONAL_OPEN_SHAPE);
