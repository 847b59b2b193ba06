/** The filer of each procedure that can be filed today (problem-data and it-project follow, issues #8 and #9). */
import type { CaseType } from '../../../domain/cases/case-types';
import { conditionalOpenFiler } from './conditional-open.filer';
import { restrictedShareFiler } from './restricted-share.filer';
import type { Filer } from './filer';

export type { Filer } from './filer';

export const FILERS: Partial<Record<CaseType, Filer>> = {
  'restricted-share': restrictedShareFiler,
  'conditional-open': conditionalOpenFiler,
};

export const filerOf = (type: string): Filer | undefined => FILERS[type as CaseType];
