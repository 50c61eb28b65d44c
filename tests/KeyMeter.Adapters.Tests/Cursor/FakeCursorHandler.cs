using System.Net;
using System.Text;

namespace KeyMeter.Adapters.Tests.Cursor;

/// <summary>
/// A fake Cursor Admin API: answers each request with the next scripted response (then with <see cref="Otherwise"/>)
/// and records what it was sent, and when by the test's clock.
/// </summary>
internal sealed class FakeCursorHandler(TimeProvider time) : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<RecordedCursorRequest> _requests = [];

    public Func<CancellationToken, Task<HttpResponseMessage>>? Otherwise { get; set; }

    public IReadOnlyList<RecordedCursorRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }

    public FakeCursorHandler Respond(HttpStatusCode status, string json = "{}", string? retryAfter = null)
    {
        _script.Enqueue(_ => Task.FromResult(Json(status, json, retryAfter)));
        return this;
    }

    /// <summary>Answers only when the request is cancelled (a server that never responds).</summary>
    public FakeCursorHandler Hang()
    {
        _script.Enqueue(HangAsync);
        return this;
    }

    public FakeCursorHandler Throw(Exception exception)
    {
        _script.Enqueue(_ => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    public static async Task<HttpResponseMessage> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedCursorRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body,
            time.GetUtcNow());
        Func<CancellationToken, Task<HttpResponseMessage>> next;
        lock (_requests)
        {
            _requests.Add(recorded);
            next = _script.Count > 0 ? _script.Dequeue() : Otherwise ?? throw new InvalidOperationException("No response scripted.");
        }

        return await next(cancellationToken);
    }
}

internal sealed record RecordedCursorRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body, DateTimeOffset At);
