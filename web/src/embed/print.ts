// embed.html printed (the course page printed with this frame in it, or the
// frame's page itself): the playground's current state as a picture. The
// controls, which do nothing on paper, are left out (frame.css, under
// html.nnp-printing) and what is left, the network and the map, is scaled
// down to fit the frame's box, which the host gave a height: the printed
// frame shows its whole picture, not the top of a clipped box.
//
// beforeprint comes before the print layout (so the rules hang on a class,
// not only on @media print); the media query's change covers emulated print.
export function fitForPrint(app: HTMLElement, win: Window = window): () => void {
  const root = win.document.documentElement;
  const query = win.matchMedia('print');
  let printing = false;
  const fit = () => {
    app.style.transform = '';
    app.style.transformOrigin = '';
    root.classList.toggle('nnp-printing', printing);
    if (!printing) return;
    // Layout sizes (a transform does not change them): the picture at full size.
    const scale = Math.min(1, win.innerWidth / Math.max(1, app.scrollWidth), win.innerHeight / Math.max(1, app.offsetHeight));
    if (scale < 1) {
      app.style.transformOrigin = '0 0';
      app.style.transform = `scale(${scale})`;
    }
  };
  const before = () => {
    printing = true;
    fit();
  };
  const after = () => {
    printing = query.matches;
    fit();
  };
  const change = () => {
    printing = query.matches;
    fit();
  };
  win.addEventListener('beforeprint', before);
  win.addEventListener('afterprint', after);
  query.addEventListener('change', change);
  if (query.matches) before();
  return () => {
    win.removeEventListener('beforeprint', before);
    win.removeEventListener('afterprint', after);
    query.removeEventListener('change', change);
  };
}
