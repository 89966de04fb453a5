// Starts GOV.UK Frontend's components. A file, not an inline script: the Content-Security-Policy allows no inline script.
import { initAll } from '/lib/govuk/govuk-frontend.min.js';
initAll();
