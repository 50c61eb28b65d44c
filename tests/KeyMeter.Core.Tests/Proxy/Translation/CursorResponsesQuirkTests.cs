using System.Text;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Proxy.Translation;

namespace KeyMeter.Core.Tests.Proxy.Translation;

public sealed class CursorResponsesQuirkTests
{
    [Theory]
    [InlineData("""{"model":"gpt-5","input":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""", true)]
    [InlineData("""{"model":"gpt-5","input":"hi"}""", true)]
    [InlineData("""{"model":"gpt-5","messages":[{"role":"user","content":"hi"}]}""", false)]
    [InlineData("""{"model":"gpt-5","messages":[],"input":"hi"}""", false)]
    [InlineData("""{"model":"gpt-5","messages":[{"role":"user","content":"{\"input\":1}"}]}""", false)]
    [InlineData("""{"model":"gpt-5"}""", false)]
    public void IsResponsesShaped_Body_TrueOnlyForInputWithoutMessages(string body, bool expected)
    {
        var summary = RequestInspector.Inspect(Encoding.UTF8.GetBytes(body), out _)!;

        Assert.Equal(expected, CursorResponsesQuirk.IsResponsesShaped(summary));
    }
}
