namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>The <c>type</c> of a Chat Completions content part.</summary>
internal enum ChatPartKind : byte
{
    /// <summary><c>input_audio</c>, <c>file</c>, a missing type, or one newer than this code.</summary>
    Other,
    Text,
    ImageUrl,

    /// <summary>An assistant message's <c>refusal</c> part: dropped, Anthropic has no counterpart.</summary>
    Refusal,
}
