using Azure;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Azure.Notifications;

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

    /// <summary>A network failure that outlasted the retries.</summary>
    public static ChannelSendResult Unreachable(string channel, RequestFailedException exception) =>
        ChannelSendResult.Transient(channel, $"unreachable ({exception.InnerException?.GetType().Name ?? exception.GetType().Name})");

    // Slack answers 4xx with a short code such as invalid_payload or channel_is_archived; it is safe and useful to log.
    private static string Reason(Response response)
    {
        var text = response.Content?.ToString() ?? string.Empty;
        return text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ' ') ? text : string.Empty;
    }
}
