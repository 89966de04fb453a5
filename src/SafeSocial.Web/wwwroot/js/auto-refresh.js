// Reloads the page after data-seconds (2 by default), to show a job's progress. A script, not a meta refresh: the
// page offers a link that stops it, and assistive technology is not interrupted by a reload nobody asked for.
(function () {
  var seconds = parseInt(document.currentScript.getAttribute('data-seconds'), 10) || 2;
  setTimeout(function () { location.reload(); }, seconds * 1000);
})();
