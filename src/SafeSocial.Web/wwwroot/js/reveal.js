// Hides revealed sign-in details after a minute, with a visible countdown and a "Hide now" button.
// Without script the details stay until the page is left; the page is never stored (no-store).
(function () {
  var secret = document.getElementById('secret');
  if (!secret) return;
  var countdown = document.getElementById('secret-countdown');
  var button = document.getElementById('secret-hide');
  var hiddenNote = document.getElementById('secret-hidden');
  var left = parseInt(secret.getAttribute('data-hide-after'), 10) || 60;
  var timer;
  function hide() {
    clearInterval(timer);
    secret.parentNode.removeChild(secret); // gone from the page, not just from view
    hiddenNote.hidden = false;
    hiddenNote.setAttribute('tabindex', '-1');
    hiddenNote.focus();
  }
  function show() {
    // Announced every 10 seconds only, so a screen reader is not flooded.
    countdown.textContent = 'These details will be hidden in ' + left + ' second' + (left === 1 ? '' : 's') + '.';
    countdown.setAttribute('aria-live', left % 10 === 0 || left <= 5 ? 'polite' : 'off');
  }
  countdown.hidden = false;
  button.hidden = false;
  button.addEventListener('click', hide);
  show();
  timer = setInterval(function () {
    left -= 1;
    if (left <= 0) { hide(); return; }
    show();
  }, 1000);
})();
