/** Every workflow type the worker registers. */
export { restrictedShareWorkflow } from './restricted-share.workflow';
