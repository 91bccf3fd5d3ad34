// `npm run check:size` (also the last step of `npm run build:widget`): prints the widget's sizes
// and fails when a budget is exceeded.
import { join } from 'node:path';
import { BUDGET, formatSizes, widgetSizes } from './widget-size.mjs';

const sizes = widgetSizes(join(import.meta.dirname, '..', '..', 'dist', 'widget'));
console.log(formatSizes(sizes));
const over = [
  sizes.beforeOpen.gzip > BUDGET.beforeOpen && 'before open',
  sizes.total.gzip > BUDGET.total && 'total',
].filter(Boolean);
if (over.length) {
  console.error(`widget size budget exceeded: ${over.join(', ')}`);
  process.exit(1);
}
