/** The filer of each procedure that can be filed today (it-project follows, issue #9). */
import type { CaseType } from '../../../domain/cases/case-types';
import { conditionalOpenFiler } from './conditional-open.filer';
import { restrictedShareFiler } from './restricted-share.filer';
import { problemDataFiler } from './problem-data.filer';
import type { Filer } from './filer';

export type { Filer } from './filer';

export const FILERS: Partial<Record<CaseType, Filer>> = {
  'restricted-share': restrictedShareFiler,
  'conditional-open': conditionalOpenFiler,
  'problem-data': problemDataFiler,
};

export const filerOf = (type: string): Filer | undefined => FILERS[type as CaseType];
