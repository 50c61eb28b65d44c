using System.Text;
using System.Text.Json;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Core.Tests.Proxy;

public sealed class ModelSpliceTests
{
    [Theory]
    [InlineData("""{"model":"google/gemini-2.5-pro","messages":[]}""")]
    [InlineData("""{ "messages":[] , "model" : "google\/gemini-2.5-pro" }""")]
    [InlineData("""{"model":"google/gemini\u002d2.5-pro","stream":true}""")]
    public void For_AnotherId_ReplacesOnlyTheModelValue(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var summary = RequestInspector.Inspect(body, out _)!;

        var edited = ModelSplice.For(summary, "gemini-2.5-pro").ApplyTo(body);

        var after = RequestInspector.Inspect(edited, out var error);
        Assert.Null(error);
        Assert.Equal("gemini-2.5-pro", after!.Model);
        Assert.Equal(Others(body), Others(edited));
    }

    [Fact]
    public void For_AnIdThatNeedsEscaping_StaysValidJson()
    {
        var body = """{"model":"x","messages":[]}"""u8.ToArray();
        var summary = RequestInspector.Inspect(body, out _)!;

        var edited = ModelSplice.For(summary, "deployment \"quoted\" \\ ü").ApplyTo(body);

        Assert.Equal("deployment \"quoted\" \\ ü", RequestInspector.Inspect(edited, out _)!.Model);
    }

    [Fact]
    public void For_TheSameId_NoEdit()
    {
        var summary = RequestInspector.Inspect("""{"model":"gpt-5","messages":[]}"""u8, out _)!;

        Assert.True(ModelSplice.For(summary, "gpt-5").IsNone);
    }

    [Fact]
    public void For_NoModel_NoEdit()
    {
        var summary = RequestInspector.Inspect("""{"messages":[]}"""u8, out _)!;

        Assert.True(ModelSplice.For(summary, "gpt-5").IsNone);
    }

    [Fact]
    public void Inspect_BodyWithoutModelAfterOneWithIt_KeepsNoStaleModelPosition()
    {
        // The inspector's state is reused per thread: a model's position must not survive into the next body.
        RequestInspector.Inspect("""{"model":"a-long-model-id","messages":[]}"""u8, out _);

        var summary = RequestInspector.Inspect("""{"messages":[]}"""u8, out _)!;

        Assert.Null(summary.ModelValue);
        Assert.True(ModelSplice.For(summary, "gpt-5").IsNone);
    }

    [Fact]
    public void For_WithTheUsageSplice_BothEditsApplyInEitherOrder()
    {
        var body = """{"model":"google/gemini-2.5-pro","stream":true,"messages":[]}"""u8.ToArray();
        var summary = RequestInspector.Inspect(body, out _)!;
        var model = ModelSplice.For(summary, "gemini-2.5-pro");
        var usage = UsageRequestSplice.For(summary);

        // The usage member goes in right after '{', before the model value: apply the later edit first.
        Assert.True(usage.Offset < model.Offset);
        var edited = usage.ApplyTo(model.ApplyTo(body));

        var after = RequestInspector.Inspect(edited, out var error);
        Assert.Null(error);
        Assert.Equal(("gemini-2.5-pro", true), (after!.Model, after.IncludeUsage));
    }

    private static Dictionary<string, string> Others(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.EnumerateObject().Where(member => member.Name != "model").ToDictionary(member => member.Name, member => member.Value.GetRawText());
    }
}
