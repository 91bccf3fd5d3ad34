// The console's bundle (dist/console/console.js), loaded only by the /admin page: the widget never imports it.
import './site-console.js';
