namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>A Chat Completions <c>tool_choice</c>, as the Anthropic <c>tool_choice.type</c> it becomes.</summary>
internal enum ToolChoiceKind : byte
{
    /// <summary>Not given: Anthropic's default, <c>auto</c>.</summary>
    Unset,

    /// <summary><c>"auto"</c>: <c>{"type":"auto"}</c>.</summary>
    Auto,

    /// <summary><c>"none"</c>: <c>{"type":"none"}</c>.</summary>
    None,

    /// <summary><c>"required"</c>: <c>{"type":"any"}</c>.</summary>
    Any,

    /// <summary><c>{"type":"function","function":{"name":..}}</c>: <c>{"type":"tool","name":..}</c>.</summary>
    Tool,
}
