using Azure;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Adapters.Notifications;

/// <summary>
/// The one place an HTTP channel's answer becomes a <see cref="ChannelSendResult"/>. By then Azure.Core has retried what
/// can be retried, so a 408, 429 or 5xx left over is transient (the next run tries again) and any other 4xx is the
/// receiver refusing the message. Details carry the status only, never the URL or the body.
/// </summary>
internal static class ChannelResponses
{
    public static ChannelSendResult Classify(string channel, Response response) => response.Status switch
    {
        >= 200 and < 300 => ChannelSendResult.Sent(channel),
        408 or 429 or >= 500 => ChannelSendResult.Transient(channel, $"HTTP {response.Status} after retries"),
        _ => ChannelSendResult.Permanent(channel, $"HTTP {response.Status} {Reason(response)}".TrimEnd()),
    };

    /// <summary>
    /// True for a network failure that outlasted the retries: one <see cref="RequestFailedException"/>, or, once
    /// Azure.Core's retry policy has given up on several, an <see cref="AggregateException"/> of them.
    /// </summary>
    public static bool IsNetworkFailure(Exception exception) => exception switch
    {
        RequestFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => inner is RequestFailedException),
        _ => false,
    };

    /// <summary>A network failure that outlasted the retries (<see cref="IsNetworkFailure"/>); names the exception type only.</summary>
    public static ChannelSendResult Unreachable(string channel, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var last = exception is AggregateException aggregate ? aggregate.InnerExceptions[^1] : exception;
        return ChannelSendResult.Transient(channel, $"unreachable ({last.InnerException?.GetType().Name ?? last.GetType().Name})");
    }

    // Slack answers 4xx with a short code such as invalid_payload or channel_is_archived; it is safe and useful to log.
    private static string Reason(Response response)
    {
        var text = response.Content?.ToString() ?? string.Empty;
        return text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ' ') ? text : string.Empty;
    }
}
