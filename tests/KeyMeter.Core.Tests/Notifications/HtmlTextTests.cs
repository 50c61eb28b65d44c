using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)")]
    [InlineData("' onfocus='x' & co", "&#39; onfocus=&#39;x&#39; &amp; co")]
    [InlineData("a\r\nb", "a b")]
    public void Encode_Markup_EntitiesSafeInTextAndQuotedAttributes(string value, string expected) => Assert.Equal(expected, HtmlText.Encode(value));

    [Theory]
    [InlineData("https://keymeter.example/dash?a=1&b=\"x\"", "https://keymeter.example/dash?a=1&amp;b=%22x%22")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    public void Href_Url_HttpOnlyAndEncoded(string url, string? expected) => Assert.Equal(expected, HtmlText.Href(new Uri(url)));
}
