using KeyMeter.Core.Reports;

namespace KeyMeter.Core.Tests.Reports;

public sealed class CsvLineTests
{
    private static async Task<string> WriteAsync(Action<CsvLine> fields)
    {
        var line = new CsvLine();
        fields(line);
        using var writer = new StringWriter();
        await line.WriteAsync(writer, CancellationToken.None);
        return writer.ToString();
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    public async Task Text_Rfc4180_QuotesOnlyWhenNeeded(string value, string expected)
    {
        Assert.Equal(expected + "\r\n", await WriteAsync(line => line.Text(value)));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    public async Task Text_FormulaPrefix_NeutralisedWithApostrophe(string value, string expected)
    {
        Assert.Equal(expected + "\r\n", await WriteAsync(line => line.Text(value)));
    }

    [Fact]
    public async Task Numbers_InvariantFullPrecisionAndNotNeutralised()
    {
        var text = await WriteAsync(line => line.Number(0.000001234567890123456789m).Number(-5m).Number(1234567.5m).Number(-42L).Empty().Text(null).Number(0m));

        Assert.Equal("0.000001234567890123456789,-5,1234567.5,-42,,,0\r\n", text);
    }

    [Fact]
    public async Task WriteAsync_StartsAFreshRecord()
    {
        var line = new CsvLine();
        using var writer = new StringWriter();

        await line.WriteHeaderAsync(writer, ["a", "b"], CancellationToken.None);
        await line.Number(1L).Text("x").WriteAsync(writer, CancellationToken.None);

        Assert.Equal("a,b\r\n1,x\r\n", writer.ToString());
    }
}
