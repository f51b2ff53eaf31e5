//! Horizontal bar charts as SVG markup, drawn on the server so no chart
//! code reaches the wasm bundle. Each chart is an image with a title and a
//! description; its figures are in the table beside it, which is what
//! screen readers and print rely on. A hidden figure draws no bar, only
//! the words "fewer than 5".

use super::tables::Table;

const WIDTH: f64 = 400.0;
const ROW: f64 = 48.0;
const BAR: f64 = 18.0;
/// Room at the right for the value written after the longest bar.
const VALUE_ROOM: f64 = 96.0;

/// Text made safe inside markup: element text or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The chart for `table`, if it has one.
pub fn bar_chart(table: &Table) -> Option<String> {
    let spec = table.chart?;
    let heading = table.columns.get(spec.column)?;
    let scale = (WIDTH - VALUE_ROOM) / spec.max.max(f64::MIN_POSITIVE);
    let legend = spec.reference.and_then(|r| table.columns.get(r));
    let top = if legend.is_some() { 28.0 } else { 4.0 };
    let height = top + ROW * table.rows.len() as f64 + 4.0;
    let id = &table.id;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-chart-title {id}-chart-desc\" font-size=\"14\" \
         font-family=\"Arial, sans-serif\"><title id=\"{id}-chart-title\">{}</title>\
         <desc id=\"{id}-chart-desc\">Bar chart of {} for each row{}. The same figures are in the table beside it.</desc>",
        escape(&table.caption),
        escape(&heading.to_lowercase()),
        legend.map(|l| format!(", with a black line at the {}", escape(&l.to_lowercase()))).unwrap_or_default(),
    );
    if let Some(legend) = legend {
        svg.push_str(&format!(
            "<line x1=\"2\" y1=\"6\" x2=\"2\" y2=\"22\" stroke=\"#212b32\" stroke-width=\"3\"/>\
             <text x=\"10\" y=\"19\" fill=\"#212b32\">{}</text>",
            escape(legend)
        ));
    }
    for (i, (name, cells)) in table.rows.iter().enumerate() {
        let y = top + ROW * i as f64;
        svg.push_str(&format!("<text x=\"0\" y=\"{}\" fill=\"#212b32\">{}</text>", y + 14.0, escape(name)));
        let Some(cell) = cells.get(spec.column) else { continue };
        let bar_y = y + 20.0;
        let width = cell.value.map(|v| (v * scale).max(0.0)).unwrap_or(0.0);
        if width > 0.0 {
            svg.push_str(&format!(
                "<rect x=\"0\" y=\"{bar_y}\" width=\"{width:.1}\" height=\"{BAR}\" fill=\"#005eb8\"/>"
            ));
        }
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" fill=\"#212b32\">{}{}</text>",
            width + 6.0,
            bar_y + 14.0,
            escape(&cell.text),
            if cell.value.is_some() { spec.unit } else { "" }
        ));
        if let Some(mark) = spec.reference.and_then(|r| cells.get(r)).and_then(|c| c.value) {
            let x = mark * scale;
            svg.push_str(&format!(
                "<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#212b32\" stroke-width=\"3\"/>",
                bar_y - 3.0,
                bar_y + BAR + 3.0
            ));
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::suppress::{mean, people, HIDDEN};
    use crate::report::tables::ChartSpec;

    #[test]
    fn a_hidden_figure_draws_no_bar_and_says_so() {
        let table = Table {
            section: "s",
            id: "t".into(),
            caption: "Means <&>".into(),
            columns: vec!["Answers".into(), "Mean".into()],
            rows: vec![
                ("Shown".into(), vec![people(6), mean(6, Some(4.5))]),
                ("Hidden".into(), vec![people(3), mean(3, Some(1.0))]),
            ],
            chart: Some(ChartSpec { column: 1, max: 5.0, reference: None, unit: "" }),
        };
        let svg = bar_chart(&table).unwrap();
        assert_eq!(svg.matches("<rect").count(), 1, "{svg}");
        assert!(svg.contains(HIDDEN) && svg.contains("4.50") && svg.contains("Means &lt;&amp;&gt;"));
        assert!(svg.contains("role=\"img\"") && svg.contains("<title") && svg.contains("<desc"));
    }
}
