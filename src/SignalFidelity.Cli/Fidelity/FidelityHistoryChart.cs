using System.Globalization;
using System.Net;
using System.Text;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Fidelity;

/// <summary>
/// Record fidelity (100 - drift %) per check as one self-contained HTML page with an inline SVG: the 95% interval as a
/// band, the 98% target, and the 2% baseline and 5% alert lines drawn as fidelity 98% and 95%. No script, no fetch.
/// </summary>
internal static class FidelityHistoryChart
{
    private const double Width = 760, Height = 320, Left = 50, Right = 20, Top = 20, Bottom = 40;

    /// <summary>The whole page: a title, how to read the chart, the chart.</summary>
    public static string Render(IReadOnlyList<CheckRecord> checks) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SignalFidelity: record fidelity history</title></head><body style=\"font-family:sans-serif\">"
        + "<h1>Record fidelity, check by check</h1><p>Fidelity is 100% minus drift; the band is the 95% interval. Above the green line is the 98% target; below the red line is an alert.</p>"
        + Svg(checks) + $"<p>{checks.Count} checks.</p></body></html>";

    /// <summary>The chart alone, an inline SVG (the monthly page embeds it).</summary>
    public static string Svg(IReadOnlyList<CheckRecord> checks)
    {
        var lowest = checks.Count == 0 ? 90 : Math.Min(90, Math.Floor(checks.Min(c => 100 - c.CiHigh) / 5) * 5);
        double X(int i) => Left + (checks.Count <= 1 ? (Width - Left - Right) / 2 : i * (Width - Left - Right) / (checks.Count - 1));
        double Y(double fidelity) => Top + (100 - fidelity) / (100 - lowest) * (Height - Top - Bottom);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Record fidelity per check\">");
        for (var g = lowest; g <= 100; g += 5)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(Y(g) + 4)}\" text-anchor=\"end\" font-size=\"11\">{g:0}%</text>");
        if (checks.Count > 0)
        {
            var band = string.Join(" ", checks.Select((c, i) => $"{F(X(i))},{F(Y(100 - c.CiLow))}").Concat(checks.Select((c, i) => (c, i)).Reverse().Select(p => $"{F(X(p.i))},{F(Y(100 - p.c.CiHigh))}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polygon class=\"interval\" points=\"{band}\" fill=\"#9ec5fe\" fill-opacity=\"0.5\"/>");
        }
        Line(svg, Y(98), "#198754", "98% target (2% baseline)");
        Line(svg, Y(95), "#dc3545", "95% (5% alert line)");
        if (checks.Count > 0)
        {
            svg.Append("<polyline class=\"fidelity\" fill=\"none\" stroke=\"#0d6efd\" stroke-width=\"2\" points=\"")
               .Append(string.Join(" ", checks.Select((c, i) => $"{F(X(i))},{F(Y(100 - c.DriftPercent))}"))).Append("\"/>");
            for (var i = 0; i < checks.Count; i++)
            {
                var c = checks[i];
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(100 - c.DriftPercent))}\" r=\"4\" fill=\"#0d6efd\"><title>{WebUtility.HtmlEncode($"{c.RanAt:yyyy-MM-dd} {c.Crm}: fidelity {F(100 - c.DriftPercent)}% ({F(100 - c.CiHigh)}-{F(100 - c.CiLow)}%), {c.Level}")}</title></circle>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"10\">{c.RanAt:MM-dd}</text>");
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Line(StringBuilder svg, double y, string colour, string label)
    {
        var at = y.ToString("0.#", CultureInfo.InvariantCulture);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{at}\" y2=\"{at}\" stroke=\"{colour}\" stroke-dasharray=\"6 4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{at}\" dy=\"-4\" text-anchor=\"end\" font-size=\"11\" fill=\"{colour}\">{label}</text>");
    }
}
