namespace KeyMeter.Core.Proxy;

/// <summary>
/// Which parts of a request make the input the provider bills larger than the body shows: content the provider fetches
/// or decodes itself (images, audio, files, documents) and tools it runs on its side (web search, file search, code
/// execution, remote MCP), whose results it feeds back into the model.
/// </summary>
internal static class InputSignals
{
    public const string Media = "an image, audio or file part";

    /// <summary>Content-part types whose token count does not follow from their bytes (OpenAI, Responses, Anthropic).</summary>
    public static bool IsMediaPart(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("image"u8) || type.SequenceEqual("image_url"u8) || type.SequenceEqual("input_image"u8)
        || type.SequenceEqual("file"u8) || type.SequenceEqual("input_file"u8) || type.SequenceEqual("document"u8)
        || type.SequenceEqual("audio"u8) || type.SequenceEqual("input_audio"u8) || type.SequenceEqual("container_upload"u8);

    /// <summary>
    /// Tool types the client runs itself (their results arrive in a later request body): functions and custom tools,
    /// OpenAI's local shell, apply-patch and computer use, Anthropic's bash, text editor, computer and memory tools.
    /// Every other type is a server-side tool.
    /// </summary>
    public static bool IsClientTool(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("function"u8) || type.SequenceEqual("custom"u8) || type.SequenceEqual("local_shell"u8)
        || type.SequenceEqual("shell"u8) || type.SequenceEqual("apply_patch"u8) || type.SequenceEqual("computer_use_preview"u8)
        || type.StartsWith("bash_"u8) || type.StartsWith("text_editor_"u8) || type.StartsWith("computer_"u8) || type.StartsWith("memory_"u8);
}
