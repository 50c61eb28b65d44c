namespace KeyMeter.Core.Proxy.Translation;

/// <summary>The <c>type</c> of a Responses API output item, as far as translation cares.</summary>
internal enum ResponsesItemKind : byte
{
    Other,
    Message,

    /// <summary><c>function_call</c>: JSON <c>arguments</c>.</summary>
    FunctionCall,

    /// <summary><c>custom_tool_call</c>: free-form <c>input</c> (Cursor's ApplyPatch grammar tool).</summary>
    CustomToolCall,
}
