using System.Net;

namespace KeyMeter.Adapters.Tests;

/// <summary>A fake Table service: records each request and answers with what the test scripts.</summary>
internal sealed class RecordingHandler(Func<RecordedRequest, HttpResponseMessage> respond) : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests => _requests;

    public static HttpResponseMessage Status(HttpStatusCode status, string? errorCode = null, string? etag = null)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        if (errorCode is not null)
        {
            response.Headers.TryAddWithoutValidation("x-ms-error-code", errorCode);
        }

        if (etag is not null)
        {
            response.Headers.TryAddWithoutValidation("ETag", etag);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        return respond(recorded);
    }
}
