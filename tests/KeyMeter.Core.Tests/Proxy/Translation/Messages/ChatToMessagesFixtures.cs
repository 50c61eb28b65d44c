using System.Buffers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Proxy.Translation.Messages;

namespace KeyMeter.Core.Tests.Proxy.Translation.Messages;

/// <summary>Runs <see cref="ChatToMessagesRequest"/> and parses what it wrote.</summary>
internal static class ChatToMessagesFixtures
{
    /// <summary>Claude Sonnet 4.5's output limit.</summary>
    public const int OutputLimit = 64000;

    public static (ChatToMessagesOutcome Outcome, JsonElement Body, string Raw) Translate(string chatBody, int outputLimit = OutputLimit)
    {
        var output = new ArrayBufferWriter<byte>();
        var outcome = ChatToMessagesRequest.Translate(Encoding.UTF8.GetBytes(chatBody), outputLimit, output);
        if (!outcome.Succeeded)
        {
            return (outcome, default, string.Empty);
        }

        var raw = Encoding.UTF8.GetString(output.WrittenSpan);
        using var document = JsonDocument.Parse(raw);
        return (outcome, document.RootElement.Clone(), raw);
    }

    public static JsonElement Body(string chatBody, int outputLimit = OutputLimit)
    {
        var (outcome, body, _) = Translate(chatBody, outputLimit);
        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        return body;
    }

    public static ChatRequestError Error(string chatBody, int outputLimit = OutputLimit)
    {
        var (outcome, _, _) = Translate(chatBody, outputLimit);
        Assert.False(outcome.Succeeded);
        return outcome.Error!;
    }

    /// <summary>A request with the given messages (a JSON array) and extra top-level members.</summary>
    public static string Request(string messages, string extra = "") =>
        $$$"""{"model":"claude-sonnet-4-5-20250929","messages":{{{messages}}}{{{(extra.Length > 0 ? "," + extra : "")}}}}""";

    public static string Hello(string extra = "") => Request("""[{"role":"user","content":"Hello"}]""", extra);

    /// <summary>The members of an object, names only, in order.</summary>
    public static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
