using System.Net;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// Text and URLs for the HTML email (<see cref="HtmlRenderer"/>). <see cref="Encode"/> turns <c>&lt; &gt; &amp; " '</c>
/// into entities, so its result is safe both as element content and inside a double-quoted attribute; the renderer
/// puts message text only into element content, and into attributes only KeyMeter's own constants and
/// <see cref="Href"/>. Line breaks and bidirectional controls go first (<see cref="SingleLine"/>).
/// </summary>
internal static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(SingleLine.Of(text));

    /// <summary>
    /// An <c>href</c> value: the absolute http(s) URL, encoded for a double-quoted attribute; null for any other scheme
    /// (<c>javascript:</c>, <c>data:</c>), which the renderer then leaves out.
    /// </summary>
    public static string? Href(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && url.Scheme is "https" or "http" ? WebUtility.HtmlEncode(url.AbsoluteUri) : null;
    }
}
