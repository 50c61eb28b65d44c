using KeyMeter.Core.Metering;
using KeyMeter.Core.Proxy.Translation;
using KeyMeter.Core.Proxy.Translation.Messages;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// The meter and the client-side rewrite for one answer, chosen in one place from the call's <see cref="AnswerShape"/>
/// and what the provider sent. Whether the answer streams is the response's to say: an error to a streaming request
/// comes back as JSON. The meter always reads the provider's own bytes.
/// </summary>
internal static class AnswerReader
{
    public static (IUsageMeter Meter, IResponseTransform? Transform) For(OutboundCall call, int status, bool streamed, long? contentLength)
    {
        if (call.Api is not { } api)
        {
            return (UsageMeters.None, null);
        }

        var success = status is >= 200 and < 300;
        switch (call.Answer)
        {
            case AnswerShape.HideUsageChunk when success && streamed:
                var meter = UsageMeters.CreateHidingUsage(api, call.InputCeiling, out var filter);
                return (meter, new UsageChunkTransform(filter));
            case AnswerShape.ResponsesToChat when success:
                return (UsageMeters.Create(api, streamed, call.InputCeiling), streamed
                    ? new ChatStreamTransform(new ResponsesToChatStreamTranslator(call.IncludeUsage))
                    : new BufferedJsonTransform(static (body, client) => ResponsesToChatJsonTranslator.Translate(body, client) != ResponsesTranslationOutcome.Malformed, contentLength));
            case AnswerShape.MessagesToChat:
                var created = call.Created;
                return (UsageMeters.Create(api, streamed, call.InputCeiling), !success
                    ? new BufferedJsonTransform((error, client) =>
                    {
                        MessagesErrorToChat.Translate(error, status, client);
                        return true;
                    }, contentLength)
                    : streamed ? new ChatStreamTransform(new MessagesToChatStreamTranslator(created, call.IncludeUsage))
                    : new BufferedJsonTransform((answer, client) => MessagesToChatJson.Translate(answer, created, client) != MessagesTranslationOutcome.Malformed, contentLength));
            default:
                return (UsageMeters.Create(api, streamed, call.InputCeiling), null);
        }
    }
}
