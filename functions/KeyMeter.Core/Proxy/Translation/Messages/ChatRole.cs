namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>The <c>role</c> of a Chat Completions message.</summary>
internal enum ChatRole : byte
{
    Missing,
    System,
    Developer,
    User,
    Assistant,
    Tool,

    /// <summary><c>function</c> (deprecated) or a role newer than this code.</summary>
    Other,
}
