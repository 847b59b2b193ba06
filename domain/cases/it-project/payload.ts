/** The IT project filing with its zod schemas (API, web form, OpenAPI); the rules themselves are in ./shape. */
import { shapeToZod } from '../../input/shape-zod';
import { IT_CATALOG_ENTRY_SHAPE, IT_PROJECT_SHAPE } from './shape';

export { MAX_INVESTMENT_WAN, IT_CATALOG_ENTRY_SHAPE, IT_PROJECT_SHAPE, checkItProjectRules, registeredResourcesRefusal, itProjectTitle, plannedCompletionProblem, type ItCatalogEntry, type ItProjectPayload } from './shape';

export const itCatalogEntrySchema = shapeToZod(IT_CATALOG_ENTRY_SHAPE);
export const itProjectPayloadSchema = shapeToZod(IT_PROJECT_SHAPE);
