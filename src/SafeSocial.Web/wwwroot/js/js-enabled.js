// Loaded at the top of <body>, before anything is drawn: GOV.UK Frontend styles components for script from these classes.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
