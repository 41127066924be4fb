// plotly.js-strict-dist-min is the same library as plotly.js-dist-min built without `new Function` (regl shaders
// precompiled), so WebGL traces work under the app's Content-Security-Policy (script-src 'self', no eval).
declare module 'plotly.js-strict-dist-min' {
  import * as Plotly from 'plotly.js';
  export = Plotly;
}
