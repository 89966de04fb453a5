// "Print this list" links ([data-print]) open the browser's print dialogue; the print stylesheet leaves only the list.
for (const link of document.querySelectorAll('[data-print]')) {
    link.addEventListener('click', e => { e.preventDefault(); window.print(); });
}
