/**
 * Whether this run calls its short activities (projection batches, calendar
 * lookups) as local activities. Cases whose history recorded them as ordinary
 * activities replay that way; from the patch on, a run uses local ones.
 */
import { patched } from '@temporalio/workflow';

export const localActivities = (): boolean => patched('local-activities');
