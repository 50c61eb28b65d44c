using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// Writes Chat Completions <c>tools</c> and <c>tool_choice</c> as Anthropic's
/// (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use):
/// <c>tools[].function.{name, description, parameters}</c> become <c>tools[].{name, description, input_schema}</c>
/// (<c>strict</c> is dropped; a function without parameters gets an empty object schema);
/// <c>tool_choice</c> <c>auto</c>, <c>none</c>, <c>required</c> and <c>{type: function, function: {name}}</c> become
/// <c>{type: auto | none | any | tool(name)}</c>, and <c>parallel_tool_calls: false</c> adds
/// <c>disable_parallel_tool_use: true</c> (to an <c>auto</c> choice when none was given). Without tools, neither is
/// sent: Anthropic needs no choice when there is nothing to choose.
/// </summary>
internal static class ChatToolsWriter
{
    /// <summary>Writes <c>"tools": [...]</c> when the array has entries; the number written, or the error.</summary>
    public static ChatRequestError? WriteTools(Utf8JsonWriter json, ReadOnlySpan<byte> body, RawToken tools, out int count)
    {
        count = 0;
        if (tools.Length == 0 || tools.Type == JsonTokenType.Null)
        {
            return null;
        }

        if (tools.Type != JsonTokenType.StartArray)
        {
            return new("tools", "tools must be an array.");
        }

        var source = tools.Of(body);
        var reader = JsonStrings.ReaderOf(body, tools);
        reader.Read();
        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (count == 0)
            {
                json.WriteStartArray("tools"u8);
            }

            if (WriteTool(json, source, ref reader, i) is { } error)
            {
                return error;
            }

            count++;
        }

        if (count > 0)
        {
            json.WriteEndArray();
        }

        return null;
    }

    /// <summary>Reads <c>tool_choice</c>: the kind and, for one named function, the raw name.</summary>
    public static ChatRequestError? ReadChoice(ReadOnlySpan<byte> body, RawToken choice, out ToolChoiceKind kind, out RawToken name)
    {
        kind = ToolChoiceKind.Unset;
        name = default;
        if (choice.Length == 0 || choice.Type == JsonTokenType.Null)
        {
            return null;
        }

        var reader = JsonStrings.ReaderOf(body, choice);
        reader.Read();
        if (choice.IsString)
        {
            kind = reader.ValueTextEquals("auto"u8) ? ToolChoiceKind.Auto
                : reader.ValueTextEquals("none"u8) ? ToolChoiceKind.None
                : reader.ValueTextEquals("required"u8) ? ToolChoiceKind.Any
                : ToolChoiceKind.Unset;
            return kind == ToolChoiceKind.Unset ? new("tool_choice", "tool_choice must be auto, none, required or a function.") : null;
        }

        // Chat's {"type":"function","function":{"name":..}}, or Anthropic's own {"type":"auto|any|none|tool","name":..},
        // which Cursor sends for Claude models.
        var type = ToolChoiceKind.Unset;
        var isFunction = false;
        RawToken anthropicName = default;
        if (choice.Type == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isFunction = JsonStrings.IsString(ref reader, "function"u8);
                    type = JsonStrings.IsString(ref reader, "auto"u8) ? ToolChoiceKind.Auto
                        : JsonStrings.IsString(ref reader, "none"u8) ? ToolChoiceKind.None
                        : JsonStrings.IsString(ref reader, "any"u8) ? ToolChoiceKind.Any
                        : JsonStrings.IsString(ref reader, "tool"u8) ? ToolChoiceKind.Tool
                        : ToolChoiceKind.Unset;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    reader.Read();
                    name = ReadName(ref reader);
                }
                else if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    anthropicName = RawToken.ReadString(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        if (type is ToolChoiceKind.Auto or ToolChoiceKind.None or ToolChoiceKind.Any)
        {
            kind = type;
            return null;
        }

        if (type == ToolChoiceKind.Tool)
        {
            name = anthropicName;
            isFunction = true;
        }

        if (!isFunction || !name.IsString)
        {
            return new("tool_choice", "tool_choice must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}.");
        }

        name = name with { Start = name.Start + choice.Start };
        kind = ToolChoiceKind.Tool;
        return null;
    }

    /// <summary>Writes <c>"tool_choice": {...}</c> when it says more than Anthropic's default.</summary>
    public static void WriteChoice(Utf8JsonWriter json, ReadOnlySpan<byte> body, ToolChoiceKind kind, RawToken name, bool parallelToolCalls)
    {
        if (kind == ToolChoiceKind.Unset && parallelToolCalls)
        {
            return;
        }

        json.WriteStartObject("tool_choice"u8);
        json.WriteString("type"u8, kind switch
        {
            ToolChoiceKind.None => "none"u8,
            ToolChoiceKind.Any => "any"u8,
            ToolChoiceKind.Tool => "tool"u8,
            _ => "auto"u8,
        });
        if (kind == ToolChoiceKind.Tool)
        {
            json.WritePropertyName("name"u8);
            json.WriteRawValue(name.Of(body), skipInputValidation: true);
        }

        if (!parallelToolCalls && kind != ToolChoiceKind.None)
        {
            json.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        json.WriteEndObject();
    }

    private static ChatRequestError? WriteTool(Utf8JsonWriter json, ReadOnlySpan<byte> source, ref Utf8JsonReader reader, int i)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return new($"tools[{i}]", "Each tool must be an object.");
        }

        var isFunction = true;
        RawToken name = default, description = default, parameters = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isFunction = JsonStrings.IsString(ref reader, "function"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                ReadFunction(ref reader, ref name, ref description, ref parameters);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!isFunction)
        {
            return new($"tools[{i}].type", "Only function tools are supported for Anthropic models.");
        }

        if (!name.IsString)
        {
            return new($"tools[{i}].function.name", "A function tool needs a name.");
        }

        json.WriteStartObject();
        json.WritePropertyName("name"u8);
        json.WriteRawValue(name.Of(source), skipInputValidation: true);
        if (description.IsString)
        {
            json.WritePropertyName("description"u8);
            json.WriteRawValue(description.Of(source), skipInputValidation: true);
        }

        json.WritePropertyName("input_schema"u8);
        json.WriteRawValue(parameters.Type == JsonTokenType.StartObject ? parameters.Of(source) : """{"type":"object","properties":{}}"""u8, skipInputValidation: true);
        json.WriteEndObject();
        return null;
    }

    private static void ReadFunction(ref Utf8JsonReader reader, ref RawToken name, ref RawToken description, ref RawToken parameters)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = reader.ValueTextEquals("name"u8) ? 1 : reader.ValueTextEquals("description"u8) ? 2 : reader.ValueTextEquals("parameters"u8) ? 3 : 0;
            reader.Read();
            var value = RawToken.Read(ref reader);
            switch (member)
            {
                case 1:
                    name = value;
                    break;
                case 2:
                    description = value;
                    break;
                case 3:
                    parameters = value;
                    break;
            }
        }
    }

    private static RawToken ReadName(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        RawToken name = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isName)
            {
                name = RawToken.ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return name;
    }
}
