using System.Collections.Concurrent;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KeyMeter.Functions.Tests.Notifications;

/// <summary>
/// A loopback stand-in for a Teams Workflows webhook, a Slack incoming webhook or the ACS email endpoint: records every
/// request and answers from a script of statuses (the last one repeats), with a body such as Slack's error codes.
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly ConcurrentQueue<(int Status, string Body)> _script = new();
    private (int Status, string Body) _last = (200, "ok");

    private LoopbackReceiver(LoopbackServer server) => _server = server;

    public Uri BaseAddress => _server.BaseAddress;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var receiver = new LoopbackReceiver(new LoopbackServer());
        await receiver._server.StartAsync(app => app.Run(receiver.HandleAsync));
        return receiver;
    }

    /// <summary>Answers the next requests with these statuses, in order; the last one keeps answering.</summary>
    public LoopbackReceiver Answer(params (int Status, string Body)[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }

        return this;
    }

    /// <summary>Answers every request after the script with this status.</summary>
    public LoopbackReceiver Otherwise(int status, string body)
    {
        _last = (status, body);
        return this;
    }

    /// <summary>Waits until <paramref name="count"/> requests have arrived, then a little longer to catch extras.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        await Task.Delay(200);
        return [.. Requests];
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        var (status, text) = _script.TryDequeue(out var next) ? _last = next : _last;
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(text);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>One request a <see cref="LoopbackReceiver"/> got.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
