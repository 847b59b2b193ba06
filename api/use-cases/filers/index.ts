/** The filer of each procedure. */
import type { CaseType } from '../../../domain/cases/case-types';
import { conditionalOpenFiler } from './conditional-open.filer';
import { restrictedShareFiler } from './restricted-share.filer';
import { problemDataFiler } from './problem-data.filer';
import { itProjectFiler } from './it-project.filer';
import type { Filer } from './filer';

export type { Filer } from './filer';

export const FILERS: Partial<Record<CaseType, Filer>> = {
  'restricted-share': restrictedShareFiler,
  'conditional-open': conditionalOpenFiler,
  'problem-data': problemDataFiler,
  'it-project': itProjectFiler,
};

export const filerOf = (type: string): Filer | undefined => FILERS[type as CaseType];
