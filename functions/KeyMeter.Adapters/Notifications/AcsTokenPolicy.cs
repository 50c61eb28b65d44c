using System.Runtime.CompilerServices;
using Azure.Core;
using Azure.Core.Pipeline;

namespace KeyMeter.Adapters.Notifications;

/// <summary>
/// Puts an Entra token for Azure Communication Services on each request, cached until five minutes before it expires.
/// Azure.Core's own bearer policy refuses plain http, which a loopback test receiver is; in Azure the endpoint is
/// https unless it is a loopback address (checked at start by <see cref="Core.Notifications.NotificationOptions"/>).
/// </summary>
internal sealed class AcsTokenPolicy(TokenCredential credential) : HttpPipelinePolicy
{
    /// <summary>The scope Azure's own Communication SDKs ask for, double slash included.</summary>
    public const string Scope = "https://communication.azure.com//.default";

    // Replaced whole (a struct written at once through a box): two sends that race fetch two tokens, both valid.
    private volatile StrongBox<AccessToken>? _token;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var token = await TokenAsync(message.CancellationToken);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
        await ProcessNextAsync(message, pipeline);
    }

    private async ValueTask<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && cached.Value.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5))
        {
            return cached.Value.Token;
        }

        var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        _token = new StrongBox<AccessToken>(token);
        return token.Token;
    }
}
