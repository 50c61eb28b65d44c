using System.Text;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// The HTML rendering of a <see cref="NotificationMessage"/>: the HTML part of an email and the preview's
/// <c>format=html</c>. One self-contained document with inline styles only (mail clients drop style sheets), every
/// text of the message HTML-encoded as element content (<see cref="HtmlText"/>), no attribute made from message text
/// except the http(s) dashboard link, no script, no image, no external reference.
/// </summary>
public static class HtmlRenderer
{
    private const string Cell = "padding:4px 10px;border-bottom:1px solid #e3e6ea;text-align:left;";

    public static string Render(NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(HtmlText.Encode(message.Subject))
            .Append("</title></head><body style=\"margin:0;padding:24px;background:#f5f6f8;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;\">")
            .Append("<div style=\"max-width:720px;margin:0 auto;background:#ffffff;border-radius:6px;padding:24px;border-top:4px solid ")
            .Append(Accent(message.Severity)).Append(";\">")
            .Append("<h1 style=\"font-size:20px;margin:0 0 8px 0;\">").Append(HtmlText.Encode(message.Subject)).Append("</h1>")
            .Append("<p style=\"margin:0 0 16px 0;font-size:15px;\">").Append(HtmlText.Encode(message.Summary)).Append("</p>");
        foreach (var section in message.Sections)
        {
            html.Append("<h2 style=\"font-size:16px;margin:20px 0 8px 0;\">").Append(HtmlText.Encode(section.Title)).Append("</h2>");
            foreach (var paragraph in section.Paragraphs)
            {
                html.Append("<p style=\"margin:0 0 8px 0;\">").Append(HtmlText.Encode(paragraph)).Append("</p>");
            }

            if (section.Facts.Count > 0)
            {
                html.Append("<table role=\"presentation\" style=\"border-collapse:collapse;margin:0 0 8px 0;\">");
                foreach (var fact in section.Facts)
                {
                    html.Append("<tr><th scope=\"row\" style=\"").Append(Cell).Append("font-weight:600;\">").Append(HtmlText.Encode(fact.Label))
                        .Append("</th><td style=\"").Append(Cell).Append("\">").Append(HtmlText.Encode(fact.Value)).Append("</td></tr>");
                }

                html.Append("</table>");
            }

            if (section.Table is { } table)
            {
                AppendTable(html, table);
            }
        }

        if (message.Link is { } link && HtmlText.Href(link) is { } href)
        {
            html.Append("<p style=\"margin:20px 0 0 0;\"><a href=\"").Append(href)
                .Append("\" style=\"color:#0b5cad;\">Open the KeyMeter dashboard</a></p>");
        }

        html.Append("<p style=\"margin:24px 0 0 0;font-size:12px;color:#6a737d;\">Sent by KeyMeter. Figures in USD from the usage aggregates.</p>")
            .Append("</div></body></html>");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, MessageTable table)
    {
        html.Append("<table style=\"border-collapse:collapse;width:100%;margin:0 0 8px 0;font-size:14px;\"><thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th scope=\"col\" style=\"").Append(Cell).Append("background:#f0f2f5;\">").Append(HtmlText.Encode(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < table.Columns.Count; i++)
            {
                html.Append("<td style=\"").Append(Cell).Append("\">").Append(HtmlText.Encode(i < row.Count ? row[i] : string.Empty)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string Accent(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Critical => "#c62828",
        NotificationSeverity.Warning => "#e3a008",
        _ => "#0b5cad",
    };
}
