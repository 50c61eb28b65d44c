using System.Buffers;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Proxy.Translation;
using KeyMeter.Core.Proxy.Translation.Messages;
using KeyMeter.Functions.Proxy.Providers;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// Decides what a provider receives for an admitted request, before any byte leaves:
/// <list type="bullet">
/// <item>on the route's own dialect, the client's bytes with at most two edits spliced in (the provider's model id,
/// and on streamed Chat Completions a request for usage, hidden again from a client that did not ask);</item>
/// <item>for a provider of another dialect (Claude on <c>/v1</c>), Chat Completions translated to Anthropic's
/// Messages, with the output ceiling the translation sets;</item>
/// <item>for Cursor's Responses-shaped bodies on <c>/chat/completions</c>, the Responses API, answered back as Chat
/// Completions.</item>
/// </list>
/// A translated body is a new buffer, so the client's is given back at once.
/// </summary>
internal sealed class OutboundCalls(CallPricing pricing)
{
    /// <summary>A call that costs nothing (model lists, token counting): the client's request as it came.</summary>
    public static OutboundCall Unmetered(ProxyRoute route, ProviderDescription provider, RequestBody? body) =>
        new(provider, route, body is null ? null : new RequestBodyContent(body.Memory, BodySplice.None), null, AnswerShape.AsIs, body);

    public PlannedCall Metered(ProxyRoute route, ProviderDescription provider, RoutedModel routed, RequestSummary summary, RequestBody body, DateTimeOffset startedAt)
    {
        var clientBytes = body.Length;
        var model = ModelSplice.For(summary, routed.UpstreamModel);
        var quirk = route.Api == ApiFormat.ChatCompletions && CursorResponsesQuirk.IsResponsesShaped(summary);
        if (quirk && !provider.ServesResponses)
        {
            return Refused(summary, $"A Responses-shaped body ('input', no 'messages') needs a provider with the Responses API; {provider.Name} has none. Send 'messages'.");
        }

        if (provider.Dialect != route.Dialect)
        {
            var chat = model.IsNone ? body.Memory : model.ApplyTo(body.Memory.Span);
            var outputLimit = (int)Math.Clamp(pricing.OutputLimit(provider, routed.Model, startedAt), 1, int.MaxValue);
            var messages = new ArrayBufferWriter<byte>(clientBytes + 512);
            var translation = ChatToMessagesRequest.Translate(chat.Span, outputLimit, messages);
            body.Dispose();
            if (translation.Error is { } error)
            {
                return Refused(summary, error.Message);
            }

            var call = new OutboundCall(provider, ProxyRoutes.ChatToMessages, Content(messages), ApiFormat.AnthropicMessages, AnswerShape.MessagesToChat, null)
            {
                Created = startedAt.ToUnixTimeSeconds(),
                IncludeUsage = translation.IncludeUsage,
            };
            return new PlannedCall(call, null, summary with { MaxOutputTokens = translation.MaxTokens }, Math.Max(clientBytes, messages.WrittenCount));
        }

        if (quirk)
        {
            var rewritten = new ArrayBufferWriter<byte>(clientBytes);
            var ok = ResponsesRequestRewriter.Rewrite(model.IsNone ? body.Memory.Span : model.ApplyTo(body.Memory.Span), rewritten);
            body.Dispose();
            return ok
                ? new PlannedCall(
                    new OutboundCall(provider, ProxyRoutes.CursorResponses, Content(rewritten), ApiFormat.Responses, AnswerShape.ResponsesToChat, null) { IncludeUsage = summary.IncludeUsage },
                    null,
                    summary,
                    Math.Max(clientBytes, rewritten.WrittenCount))
                : Refused(summary, "The request body is not a JSON object.");
        }

        // Streamed Chat Completions always ask for usage; the usage chunk is hidden again from a client that did not ask.
        var askUsage = route.Api is ApiFormat.ChatCompletions or ApiFormat.Completions && summary.Stream;
        var content = new RequestBodyContent(body.Memory, model, askUsage ? UsageRequestSplice.For(summary) : BodySplice.None);
        var answer = askUsage && !summary.IncludeUsage ? AnswerShape.HideUsageChunk : AnswerShape.AsIs;
        return new PlannedCall(new OutboundCall(provider, route, content, route.Api, answer, body), null, summary, clientBytes);
    }

    private static RequestBodyContent Content(ArrayBufferWriter<byte> body) => new(body.WrittenMemory, BodySplice.None);

    private static PlannedCall Refused(RequestSummary summary, string message) => new(null, ProxyProblem.BadRequest(message), summary, 0);
}
