using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Adapters.Notifications;

/// <summary>
/// Email through Azure Communication Services over REST (Azure.Communication.Email is not in the package feed), with
/// the managed identity's token (<see cref="AcsTokenPolicy"/>). ACS answers 202 once it has accepted the message.
/// </summary>
internal sealed class AcsEmailChannel(EmailOptions options, HttpPipeline pipeline) : INotificationChannel
{
    public const string ChannelName = "email";

    public string Name => ChannelName;

    public ValueTask<bool> IsConfiguredAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.AcsEndpoint is not null && !string.IsNullOrWhiteSpace(options.Sender));

    public async Task<ChannelSendResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var recipients = AcsEmailRequest.Recipients(options, message);
        if (options.AcsEndpoint is null || string.IsNullOrWhiteSpace(options.Sender) || recipients.Count == 0)
        {
            return ChannelSendResult.NotConfigured(Name);
        }

        using var request = pipeline.CreateMessage();
        request.Request.Method = RequestMethod.Post;
        request.Request.Uri.Reset(new Uri(options.AcsEndpoint, "/emails:send?api-version=" + AcsEmailRequest.ApiVersion));
        request.Request.Headers.SetValue("Content-Type", "application/json");
        request.Request.Headers.SetValue("Operation-Id", AcsEmailRequest.OperationId(message.Id).ToString());
        request.Request.Content = RequestContent.Create(AcsEmailRequest.Body(message, options.Sender.Trim(), recipients));
        try
        {
            await pipeline.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (ChannelResponses.IsNetworkFailure(exception))
        {
            return ChannelResponses.Unreachable(Name, exception);
        }
        catch (AuthenticationFailedException exception)
        {
            return ChannelSendResult.Transient(Name, "no token for Azure Communication Services (" + exception.GetType().Name + ")");
        }

        return ChannelResponses.Classify(Name, request.Response);
    }
}
