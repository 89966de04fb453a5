// Copies GOV.UK Frontend into wwwroot/lib. SafeSocial is not a GOV.UK service, so the GDS Transport
// font is taken out of the stylesheet (Arial stands in) and the fonts and crown images are not served.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";

const from = "node_modules/govuk-frontend/dist/govuk";
const to = "wwwroot/lib/govuk";
mkdirSync(to, { recursive: true });
const css = readFileSync(`${from}/govuk-frontend.min.css`, "utf8")
  .replace(/@font-face\{[^}]*\}/g, "")
  .replaceAll("GDS Transport,", "");
if (css.includes("GDS Transport")) throw new Error("GDS Transport is still named in the stylesheet");
writeFileSync(`${to}/govuk-frontend.min.css`, css);
copyFileSync(`${from}/govuk-frontend.min.js`, `${to}/govuk-frontend.min.js`);
