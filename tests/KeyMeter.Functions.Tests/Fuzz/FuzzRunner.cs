using System.Globalization;
using System.Net.Http.Headers;
using KeyMeter.Functions.Tests.Hosting;

namespace KeyMeter.Functions.Tests.Fuzz;

/// <summary>Sends one <see cref="FuzzCase"/> and records what came back; never throws for what the server does.</summary>
internal static class FuzzRunner
{
    public static async Task<FuzzOutcome> SendAsync(HttpClient client, FuzzCase fuzz, CancellationToken cancellationToken)
    {
        try
        {
            return fuzz.Transport == FuzzTransport.Client
                ? await SendWithClientAsync(client, fuzz, cancellationToken)
                : await SendRawAsync(client.BaseAddress!, fuzz);
        }
        catch (HttpRequestException exception)
        {
            return new FuzzOutcome(fuzz, null, "connection dropped: " + exception.Message + (exception.InnerException is { } inner ? " (" + inner.Message + ")" : string.Empty));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FuzzOutcome(fuzz, null, "timed out");
        }
        catch (IOException exception)
        {
            return new FuzzOutcome(fuzz, null, "connection dropped: " + exception.Message);
        }
    }

    private static async Task<FuzzOutcome> SendWithClientAsync(HttpClient client, FuzzCase fuzz, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), new Uri(fuzz.Target, UriKind.Relative));
        foreach (var (name, value) in fuzz.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null && !request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType))
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            }
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return new FuzzOutcome(fuzz, (int)response.StatusCode, null);
    }

    private static async Task<FuzzOutcome> SendRawAsync(Uri baseAddress, FuzzCase fuzz)
    {
        var head = new List<string>
        {
            $"{fuzz.Method} {fuzz.Target} HTTP/1.1",
            "Host: " + baseAddress.Authority,
            "Content-Type: " + fuzz.ContentType,
        };
        head.AddRange(fuzz.Headers.Select(header => $"{header.Key}: {header.Value}"));
        int? status;
        string response;
        if (fuzz.Transport == FuzzTransport.TruncatedBody)
        {
            // Half the announced body, and the connection kept open: a route that reads the body waits for the rest
            // (Kestrel's minimum data rate ends that in time), one that answers first may answer now.
            try
            {
                (status, response) = await RawHttp.SendAsync(baseAddress, string.Join("\r\n", head), fuzz.Body, closeSend: false, timeout: TimeSpan.FromSeconds(1));
            }
            catch (OperationCanceledException)
            {
                return new FuzzOutcome(fuzz, null, null, WaitedForBody: true);
            }
        }
        else
        {
            (status, response) = await RawHttp.SendAsync(baseAddress, string.Join("\r\n", head), fuzz.Body, closeSend: false, timeout: TimeSpan.FromSeconds(30));
        }

        return status is null
            ? new FuzzOutcome(fuzz, null, "connection closed without an answer" + (response.Length > 0 ? ": " + response[..Math.Min(80, response.Length)] : string.Empty))
            : new FuzzOutcome(fuzz, status, null);
    }

    /// <summary>A count by status class, for the run's summary.</summary>
    public static string Summarize(IEnumerable<FuzzOutcome> outcomes) => string.Join(
        ", ",
        outcomes.GroupBy(outcome => outcome.Status is { } status ? (status / 100).ToString(CultureInfo.InvariantCulture) + "xx" : "none")
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Key}: {group.Count()}"));
}
