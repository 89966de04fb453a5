// Links marked data-print open the browser's print dialogue.
for (const link of document.querySelectorAll('[data-print]')) {
  link.addEventListener('click', e => { e.preventDefault(); window.print(); });
}
