/** Validation messages in Chinese for every process that imports domain schemas. */
import { z } from 'zod';

z.config(z.locales.zhCN());

export { z };
