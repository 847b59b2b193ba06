/** Every workflow type the worker registers. */
export { restrictedShareWorkflow } from './restricted-share.workflow';
export { conditionalOpenWorkflow } from './conditional-open.workflow';
export { problemDataWorkflow } from './problem-data.workflow';
export { itProjectWorkflow } from './it-project.workflow';
