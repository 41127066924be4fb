// The HTML export's one stylesheet (inline: the page references nothing). Sizes are in container-query units of
// the slide (cqw: 1% of the slide's width), so a slide reads the same at 1280 px on screen, at 1920 px on a projector
// and on a 13.333 × 7.5 in PDF page. Print: one slide per landscape 16:9 page, colours kept. No "//" or URL may
// appear here (the export is checked for both).
export const DECK_CSS = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#E6E8EB;color:#111;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
.deck-head{max-width:1280px;margin:24px auto 8px;padding:0 8px;font-size:15px;color:#333}
.deck-head h1{font-size:22px;margin:0 0 4px}
.slide{position:relative;width:min(96vw,1280px);aspect-ratio:16/9;margin:16px auto;background:#FFF;box-shadow:0 1px 4px rgba(0,0,0,.25);container-type:inline-size;overflow:hidden;break-after:page;page-break-after:always}
.slide-inner{position:absolute;inset:0;display:flex;flex-direction:column;padding:2.6cqw 3.6cqw 1.2cqw}
.slide h2{font-size:3.1cqw;line-height:1.15;margin:0;font-weight:700;color:#000}
.slide .headline{font-size:1.9cqw;line-height:1.3;margin:.6cqw 0 0;color:#004C7A;font-weight:600}
.slide-body{flex:1;min-height:0;display:flex;flex-direction:column;gap:1.4cqw;margin-top:1.6cqw;font-size:1.5cqw;line-height:1.35}
.slide-body.split{flex-direction:row;align-items:flex-start}
.slide-body.split>.block{flex:1 1 0;min-width:0}
.slide footer{display:flex;justify-content:space-between;gap:2cqw;font-size:1cqw;color:#444;border-top:1px solid #CCC;padding-top:.6cqw;margin-top:.8cqw}
.slide footer .disclosure{flex:1;text-align:center}
.kind-section .slide-inner{justify-content:center;background:#0B3954}
.kind-section h2{font-size:4.6cqw;color:#FFF}
.kind-section .headline{font-size:2.4cqw;color:#DDE8F0;font-weight:400}
.kind-section footer{color:#DDE8F0;border-color:#4A6A80;margin-top:auto}
.kind-section .slide-body{flex:0 0 auto}
.figures{display:flex;flex-wrap:wrap;gap:2cqw}
.figure{flex:1 1 0;min-width:14cqw;border-left:.5cqw solid #0072B2;padding:.4cqw 0 .4cqw 1.2cqw}
.figure.is-withheld{border-left-style:dashed;border-left-color:#666}
.figure-value{font-size:4.2cqw;font-weight:700;line-height:1.1}
.figure.is-withheld .figure-value{font-size:2.4cqw}
.figure-ci{font-size:1.5cqw;color:#333;margin-top:.2cqw}
.figure-label{font-size:1.6cqw;color:#222}
.figure-note{font-size:1.2cqw;color:#444}
.withheld{font-style:italic;color:#555}
table.data{border-collapse:collapse;width:100%;font-size:1.35cqw}
table.data.dense1{font-size:1.1cqw}
table.data.dense2{font-size:.9cqw}
table.data caption{caption-side:bottom;text-align:left;font-size:1.05cqw;color:#444;padding-top:.5cqw}
table.data th,table.data td{padding:.35em .6em;border-bottom:1px solid #D0D0D0;text-align:left;vertical-align:top}
table.data thead th{border-bottom:2px solid #222;font-weight:700}
table.data tfoot td{border-top:2px solid #222;font-weight:700}
table.data .num{text-align:right;font-variant-numeric:tabular-nums}
table.crosstab th.corner{font-weight:400;color:#333}
figure.chart{margin:0;display:flex;flex-direction:column;align-items:center;min-height:0}
figure.chart svg{display:block;width:100%;height:auto;max-height:34cqw}
.split figure.chart svg{max-height:36cqw}
figure.chart figcaption{font-size:1.1cqw;color:#444;margin-top:.3cqw}
.cards{display:grid;gap:1.4cqw}
.cards-1{grid-template-columns:1fr}
.cards-2{grid-template-columns:repeat(2,1fr)}
.cards-3{grid-template-columns:repeat(3,1fr)}
.cards-4{grid-template-columns:repeat(4,1fr)}
.card{border:1px solid #BBB;border-top:.6cqw solid #777;padding:1cqw 1.2cqw;background:#FAFAFA}
.card.tone-positive{border-top-color:#009E73}
.card.tone-negative{border-top-color:#D55E00}
.card.tone-neutral{border-top-color:#0072B2}
.card-title{font-weight:700;font-size:1.7cqw}
.card-figure{font-size:2.6cqw;font-weight:700;margin:.3cqw 0}
.card-figure .withheld{font-size:1.8cqw;font-weight:600}
.card ul,.text ul{margin:.4cqw 0 0;padding-left:1.4em}
.text p{margin:0 0 .8cqw;font-size:1.8cqw}
.text li{font-size:1.8cqw;margin-bottom:.4cqw}
.closing .note{font-size:1.6cqw;margin:0 0 1cqw}
details.notes{font-size:1.1cqw;color:#333;margin-top:.6cqw}
@page{size:13.333in 7.5in;margin:0}
@media print{
body{background:#FFF}
.deck-head{display:none}
.slide{width:13.333in;height:7.5in;aspect-ratio:auto;margin:0;box-shadow:none}
details.notes{display:none}
}
`;
