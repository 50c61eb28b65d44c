using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

public sealed class EmailTextTests
{
    [Theory]
    [InlineData("KeyMeter: evil\r\nBcc: victim@example.com reached 80%", "KeyMeter: evil Bcc: victim@example.com reached 80%")]
    [InlineData("a\nb\rc\u0085d\u2028e\u2029f\tg\u0000h", "a b c d e f g h")]
    [InlineData("  padded \r\n", "padded")]
    [InlineData("total \u202E$01\u202C now", "total $01 now")]
    public void Subject_LineBreaksAndControls_OneHeaderLine(string value, string expected) => Assert.Equal(expected, EmailText.Subject(value));

    [Fact]
    public void Subject_Long_CutWithAnEllipsis()
    {
        var subject = EmailText.Subject(new string('x', 400));

        Assert.Equal(EmailText.MaxSubject, subject.Length);
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok\r\nMore: http://evil.example", "ok More: http://evil.example")]
    [InlineData("[link](http://x.example) *b* <i>", "[link](http://x.example) *b* <i>")]
    public void Line_Text_OneLineAndOtherwiseAsIs(string value, string expected) => Assert.Equal(expected, EmailText.Line(value));
}
