using Azure.Core;
using Azure.Core.Pipeline;
using KeyMeter.Core.Notifications;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Adapters.Notifications;

/// <summary>
/// Posts a JSON body to a webhook whose URL is a secret (Teams Workflows, Slack): read through
/// <see cref="ISecretSource"/> on every send, so a rotated URL is picked up, and never written anywhere.
/// </summary>
internal sealed class WebhookPoster(HttpPipeline pipeline, ISecretSource secrets)
{
    public async ValueTask<bool> HasUrlAsync(string secretName, CancellationToken cancellationToken) =>
        Parse(await secrets.GetAsync(secretName, cancellationToken)) is not null;

    public async Task<ChannelSendResult> PostAsync(string channel, string secretName, byte[] body, CancellationToken cancellationToken)
    {
        if (Parse(await secrets.GetAsync(secretName, cancellationToken)) is not { } url)
        {
            return ChannelSendResult.NotConfigured(channel);
        }

        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(url);
        message.Request.Headers.SetValue("Content-Type", "application/json; charset=utf-8");
        message.Request.Content = RequestContent.Create(body);
        try
        {
            await pipeline.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (ChannelResponses.IsNetworkFailure(exception))
        {
            return ChannelResponses.Unreachable(channel, exception);
        }

        var result = ChannelResponses.Classify(channel, message.Response);
        if (result.Status == ChannelSendStatus.PermanentFailure && message.Response.Status is 401 or 403 or 404)
        {
            // A revoked or mistyped URL: read it again next time instead of the cached one.
            secrets.Invalidate(secretName);
        }

        return result;
    }

    private static Uri? Parse(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;
}
