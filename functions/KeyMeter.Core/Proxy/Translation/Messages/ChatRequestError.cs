namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// Why a Chat Completions request cannot become an Anthropic Messages request: the offending member, as an OpenAI
/// error's <c>param</c> (<c>messages[2].tool_calls[0].function.arguments</c>), and a message for a 400
/// <c>invalid_request_error</c>. Neither holds any prompt text.
/// </summary>
public sealed record ChatRequestError(string Param, string Message);
