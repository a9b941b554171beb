// Before the ipywidgets HTML manager (embed-amd.js) loads: tell require.js where the panels'
// anywidget module is (beside this file in _static/, whatever the page's folder), or the
// manager would ask a CDN for it.
require.config({paths: {anywidget: new URL("anywidget", document.currentScript.src).href}});
