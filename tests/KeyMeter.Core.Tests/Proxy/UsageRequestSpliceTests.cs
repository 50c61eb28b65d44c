using System.Text;
using System.Text.Json;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Core.Tests.Proxy;

public sealed class UsageRequestSpliceTests
{
    [Theory]
    [InlineData("""{"model":"m","stream":true,"messages":[]}""")]
    [InlineData("""  {  "model":"m","stream":true}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":null}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{ }}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_usage":false}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_usage":null,"include_obfuscation":false}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include\u005fusage":false}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_obfuscation":false}}""")]
    [InlineData("""{"stream_options" : { "include_usage" : false } , "model":"m","stream":true}""")]
    public void For_AnyClientChoice_ProviderIsAskedForUsageAndNothingElseChanges(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var summary = RequestInspector.Inspect(body, out _)!;

        var edited = UsageRequestSplice.For(summary).ApplyTo(body);

        var after = RequestInspector.Inspect(edited, out var error);
        Assert.Null(error);
        Assert.True(after!.IncludeUsage);
        Assert.Equal(OtherMembers(body), OtherMembers(edited));
    }

    [Fact]
    public void For_UsageAlreadyRequested_NoEdit()
    {
        var summary = RequestInspector.Inspect("""{"model":"m","stream":true,"stream_options":{"include_usage":true}}"""u8, out _)!;

        Assert.True(UsageRequestSplice.For(summary).IsNone);
    }

    /// <summary>Every member but stream_options, and inside it every option but include_usage, normalised.</summary>
    private static string OtherMembers(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var parts = new List<string>();
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (member.Name != "stream_options")
            {
                parts.Add(member.Name + "=" + member.Value.GetRawText());
            }
            else if (member.Value.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(member.Value.EnumerateObject().Where(option => option.Name != "include_usage").Select(option => "so." + option.Name + "=" + option.Value.GetRawText()));
            }
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join(";", parts);
    }
}
