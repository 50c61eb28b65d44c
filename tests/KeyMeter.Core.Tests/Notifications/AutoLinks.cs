using System.Text.RegularExpressions;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary>
/// Text a chat client could turn into a link or a mention by itself: a scheme (<c>http:</c>, <c>//</c>,
/// <c>mailto:</c>), <c>www.</c>, a domain or an e-mail address, or an <c>@mention</c>.
/// </summary>
internal static partial class AutoLinks
{
    public static IEnumerable<string> Find(string text) => LinkLike().Matches(text).Select(match => $"linkable '{match.Value}'");

    [GeneratedRegex(@"[a-z][a-z0-9+.\-]*:[/a-z]|//|www\.(?!\u200B)|[a-z0-9\-]+[.\u3002\uFF0E\uFF61][a-z]{2,}|@[^\u200B\s]", RegexOptions.IgnoreCase)]
    private static partial Regex LinkLike();
}
