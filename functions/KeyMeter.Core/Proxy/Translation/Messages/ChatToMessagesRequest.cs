using System.Buffers;
using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// Translates an OpenAI Chat Completions request body (https://platform.openai.com/docs/api-reference/chat/create)
/// into an Anthropic Messages request body (https://docs.anthropic.com/en/api/messages), or says which member it
/// cannot translate, for a 400. Text, ids, names and schemas are copied as the escaped JSON the client sent; only
/// tool-call arguments and image URLs are unescaped (to be parsed), into pooled buffers that are cleared.
/// <list type="table">
/// <listheader><term>Chat Completions</term><description>Anthropic Messages</description></listheader>
/// <item><term>model</term><description>model, as sent (required).</description></item>
/// <item><term>messages</term><description>messages, merged into alternating turns (<see cref="ChatMessagesWriter"/>);
/// system and developer text goes to <c>system</c>, one text block each, in order.</description></item>
/// <item><term>tools, tool_choice, parallel_tool_calls</term><description>tools, tool_choice
/// (<see cref="ChatToolsWriter"/>).</description></item>
/// <item><term>max_completion_tokens, else max_tokens, else the model's output limit</term><description>max_tokens
/// (Anthropic requires it), at most the output limit.</description></item>
/// <item><term>reasoning_effort</term><description>thinking <c>{type: enabled, budget_tokens}</c>
/// (<see cref="ReasoningBudget"/>). Left off when it cannot fit under the output limit, when tool_choice forces a
/// tool (Anthropic allows only auto and none with thinking), and when the last assistant turn called tools
/// (Anthropic then wants that turn's thinking blocks back, which a Chat client never received). With thinking on,
/// temperature and top_p are dropped: Anthropic refuses them with thinking.</description></item>
/// <item><term>stop (a string or an array)</term><description>stop_sequences.</description></item>
/// <item><term>temperature</term><description>temperature; above 1 (Chat allows up to 2) it is sent as 1, Anthropic's
/// maximum.</description></item>
/// <item><term>top_p</term><description>top_p, unless temperature is sent too: Anthropic's newer models take only
/// one of them.</description></item>
/// <item><term>user</term><description>metadata.user_id.</description></item>
/// <item><term>stream, stream_options.include_usage</term><description>stream; both are returned to the caller
/// (<see cref="ChatToMessagesOutcome"/>): the usage chunk is the stream translator's to add.</description></item>
/// <item><term>n above 1, logprobs true, top_logprobs, response_format json_object or json_schema, modalities with
/// audio, audio, functions, function_call, web_search_options</term><description>refused (400): honouring them
/// would change what the client gets back.</description></item>
/// <item><term>seed, frequency_penalty, presence_penalty, logit_bias, store, metadata, service_tier, prediction,
/// verbosity, prompt_cache_key, safety_identifier, and any member not named here</term><description>dropped: they
/// tune sampling or bookkeeping and Anthropic has no counterpart.</description></item>
/// </list>
/// </summary>
public static class ChatToMessagesRequest
{
    /// <summary>
    /// Writes the Messages body to <paramref name="output"/>. On failure the output may hold a partial body and must be
    /// discarded.
    /// </summary>
    /// <param name="outputLimit">The model's output limit: <c>max_tokens</c> when the client gave none, and the most any
    /// <c>max_tokens</c> sent may be.</param>
    public static ChatToMessagesOutcome Translate(ReadOnlySpan<byte> chatBody, int outputLimit, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputLimit, 1);
        var members = new ChatRequestMembers();
        using var json = new Utf8JsonWriter(output);
        var messages = new ChatMessagesWriter(json);
        if (ReadAndWriteMessages(chatBody, json, members, messages) is { } readError)
        {
            return ChatToMessagesOutcome.Failed(readError);
        }

        json.WritePropertyName("model"u8);
        json.WriteRawValue(members.Model.Of(chatBody), skipInputValidation: true);
        WriteSystem(json, chatBody, messages.System);
        if (ChatToolsWriter.WriteTools(json, chatBody, members.Tools, out var toolCount) is { } toolsError)
        {
            return ChatToMessagesOutcome.Failed(toolsError);
        }

        if (ChatToolsWriter.ReadChoice(chatBody, members.ToolChoice, out var choice, out var toolName) is { } choiceError)
        {
            return ChatToMessagesOutcome.Failed(choiceError);
        }

        if (toolCount > 0)
        {
            ChatToolsWriter.WriteChoice(json, chatBody, choice, toolName, members.ParallelToolCalls);
        }

        var maxTokens = (int)Math.Min(outputLimit, members.MaxCompletionTokens ?? members.MaxTokens ?? outputLimit);
        var budget = members.ThinkingBudget;
        var forcesTool = toolCount > 0 && choice is ToolChoiceKind.Any or ToolChoiceKind.Tool;
        if (budget > 0 && !forcesTool && !messages.LastAssistantTurnHasToolUse && ReasoningBudget.Fit(budget, maxTokens, outputLimit) is { } fitted)
        {
            maxTokens = fitted;
        }
        else
        {
            budget = 0;
        }

        json.WriteNumber("max_tokens"u8, maxTokens);
        if (budget > 0)
        {
            json.WriteStartObject("thinking"u8);
            json.WriteString("type"u8, "enabled"u8);
            json.WriteNumber("budget_tokens"u8, budget);
            json.WriteEndObject();
        }
        else
        {
            WriteSampling(json, chatBody, members);
        }

        if (WriteStopSequences(json, chatBody, members.Stop) is { } stopError)
        {
            return ChatToMessagesOutcome.Failed(stopError);
        }

        if (members.User.IsString)
        {
            json.WriteStartObject("metadata"u8);
            json.WritePropertyName("user_id"u8);
            json.WriteRawValue(members.User.Of(chatBody), skipInputValidation: true);
            json.WriteEndObject();
        }

        if (members.Stream)
        {
            json.WriteBoolean("stream"u8, true);
        }

        json.WriteEndObject();
        return new ChatToMessagesOutcome(null, members.Stream, members.IncludeUsage, maxTokens, budget);
    }

    /// <summary>Reads every top-level member, writing <c>messages</c> as it passes; the error, or null.</summary>
    private static ChatRequestError? ReadAndWriteMessages(ReadOnlySpan<byte> body, Utf8JsonWriter json, ChatRequestMembers members, ChatMessagesWriter messages)
    {
        var sawMessages = false;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new(string.Empty, "The request body must be a JSON object.");
            }

            json.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("messages"u8))
                {
                    if (members.Read(ref reader) is { } error)
                    {
                        return error;
                    }

                    continue;
                }

                reader.Read();
                if (sawMessages)
                {
                    return new("messages", "messages is given twice.");
                }

                sawMessages = true;
                if (messages.Write(body, ref reader) is { } messagesError)
                {
                    return messagesError;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return new(string.Empty, "The request body must be one JSON object.");
            }
        }
        catch (JsonException)
        {
            return new(string.Empty, "The request body is not valid JSON.");
        }

        return !sawMessages ? new("messages", "messages is required.")
            : !members.Model.IsString ? new("model", "model is required.")
            : null;
    }

    private static void WriteSystem(Utf8JsonWriter json, ReadOnlySpan<byte> body, List<(RawToken Text, RawToken CacheControl)> system)
    {
        if (system.Count == 0)
        {
            return;
        }

        json.WriteStartArray("system"u8);
        foreach (var (text, cacheControl) in system)
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "text"u8);
            json.WritePropertyName("text"u8);
            json.WriteRawValue(text.Of(body), skipInputValidation: true);
            if (cacheControl.Length > 0)
            {
                json.WritePropertyName("cache_control"u8);
                json.WriteRawValue(cacheControl.Of(body), skipInputValidation: true);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSampling(Utf8JsonWriter json, ReadOnlySpan<byte> body, ChatRequestMembers members)
    {
        if (members.Temperature.Type == JsonTokenType.Number)
        {
            var reader = JsonStrings.ReaderOf(body, members.Temperature);
            reader.Read();
            if (reader.TryGetDouble(out var temperature) && temperature > 1)
            {
                json.WriteNumber("temperature"u8, 1);
            }
            else
            {
                json.WritePropertyName("temperature"u8);
                json.WriteRawValue(members.Temperature.Of(body), skipInputValidation: true);
            }
        }
        else if (members.TopP.Type == JsonTokenType.Number)
        {
            json.WritePropertyName("top_p"u8);
            json.WriteRawValue(members.TopP.Of(body), skipInputValidation: true);
        }
    }

    /// <summary><c>stop</c>, a string or an array of strings, as <c>stop_sequences</c>; empty strings are left out.</summary>
    private static ChatRequestError? WriteStopSequences(Utf8JsonWriter json, ReadOnlySpan<byte> body, RawToken stop)
    {
        if (stop.Length == 0 || stop.Type == JsonTokenType.Null || JsonStrings.IsEmpty(stop))
        {
            return null;
        }

        if (stop.IsString)
        {
            json.WriteStartArray("stop_sequences"u8);
            json.WriteRawValue(stop.Of(body), skipInputValidation: true);
            json.WriteEndArray();
            return null;
        }

        if (stop.Type != JsonTokenType.StartArray)
        {
            return new("stop", "stop must be a string or an array of strings.");
        }

        var source = stop.Of(body);
        var reader = JsonStrings.ReaderOf(body, stop);
        reader.Read();
        var started = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var sequence = RawToken.Read(ref reader);
            if (!sequence.IsString)
            {
                return new("stop", "stop must be a string or an array of strings.");
            }

            if (JsonStrings.IsEmpty(sequence))
            {
                continue;
            }

            if (!started)
            {
                json.WriteStartArray("stop_sequences"u8);
                started = true;
            }

            json.WriteRawValue(sequence.Of(source), skipInputValidation: true);
        }

        if (started)
        {
            json.WriteEndArray();
        }

        return null;
    }
}
