// A "Copy" button beside a revealed value: data-copy names the element whose text it copies, data-copied what to say
// once copied. The result is written into the page's role="status" region, so a screen reader announces it. Where the
// browser cannot copy (no Clipboard API, or not a secure origin), the button stays hidden and the value can be selected.
(function () {
  if (!navigator.clipboard || !window.isSecureContext) return;
  var status = document.getElementById('copy-status');
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      status.textContent = ''; // so a second copy is announced again
      navigator.clipboard.writeText(source.textContent).then(function () {
        status.textContent = button.getAttribute('data-copied') || 'Copied';
      }, function () {
        status.textContent = 'The browser did not allow copying: select the text and copy it yourself.';
      });
    });
  });
})();
