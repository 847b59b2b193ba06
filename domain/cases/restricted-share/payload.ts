/** The restricted-share request with its zod schema (API, web form, OpenAPI); the rules themselves are in ./shape. */
import { shapeToZod } from '../../input/shape-zod';
import { RESTRICTED_SHARE_SHAPE } from './shape';

export { SHARE_METHODS, SHARE_METHOD_LABELS, RESTRICTED_SHARE_SHAPE, checkRestrictedShareRules, caseTitle, type ShareMethod, type RestrictedSharePayload, type CatalogFacts, type RuleRefusal } from './shape';

export const restrictedSharePayloadSchema = shapeToZod(RESTRICTED_SHARE_SHAPE);
