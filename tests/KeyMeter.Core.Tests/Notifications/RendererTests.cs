using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

public sealed class RendererTests
{
    [Fact]
    public void Html_MarkupInText_EncodedAndSelfContained()
    {
        var html = HtmlRenderer.Render(NotificationSamples.Message());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\"", html, StringComparison.Ordinal);
        Assert.Contains("dev2@example.com", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://keymeter.example.com/dashboard\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_FactsAndTable_ReadAsAlignedLines()
    {
        var text = PlainTextRenderer.Render(NotificationSamples.Message(tableRows: 2));
        var lines = text.Split('\n');

        Assert.Equal("KeyMeter daily digest 2026-12-01: $1,234.56", lines[0]);
        Assert.Contains("Total:    $1,234.56", lines);
        Assert.Contains("Requests: 42", lines);
        Assert.Contains("Developer         Spend", lines);
        Assert.Contains("dev0@example.com  $0.00", lines);
        Assert.Contains("More: https://keymeter.example.com/dashboard", lines);
    }

    [Theory]
    [InlineData("1234.564", "$1,234.56")]
    [InlineData("0.0042", "$0.0042")]
    [InlineData("-2", "-$2.00")]
    [InlineData("0", "$0.00")]
    [InlineData("0.005", "$0.0050")]
    [InlineData("1000000", "$1,000,000.00")]
    public void Money_Amount_FormattedForPeople(string amount, string expected) =>
        Assert.Equal(expected, Money.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
}
