using System.Text.Json;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Local;

/// <summary>
/// Calls a payload-mode function over HTTP the way the host does: <c>POST {self}/{name}</c> with an
/// <see cref="InvocationRequest"/>; like the host, anything but a 2xx with a valid <see cref="InvocationResponse"/> is a
/// failed invocation (README, Architecture).
/// It sends the local function key, which local mode demands on payload invocations.
/// </summary>
internal sealed class LocalInvoker(IHttpClientFactory httpClientFactory, SelfAddress selfAddress, LocalFunctionKey functionKey, ILogger<LocalInvoker> logger)
{
    public const string HttpClientName = "KeyMeter.Functions.Local";

    public async Task<LocalInvocationResult> InvokeAsync(string functionName, InvocationRequest request, CancellationToken cancellationToken)
    {
        var baseAddress = await selfAddress.GetAsync(cancellationToken);
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, Uri.EscapeDataString(functionName)))
        {
            Content = JsonContent.Create(request, HostPayloadFactory.Json.InvocationRequest),
        };

        // The host sends an invocation id with every call.
        message.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        message.Headers.Add(LocalFunctionKey.HeaderName, functionKey.Value);
        try
        {
            using var response = await client.SendAsync(message, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return LocalInvocationResult.Failed($"HTTP {(int)response.StatusCode}");
            }

            var result = await response.Content.ReadFromJsonAsync(HostJsonContext.Default.InvocationResponse, cancellationToken);
            foreach (var line in result?.Logs ?? [])
            {
                Log.FunctionLog(logger, functionName, line);
            }

            return result is null
                ? LocalInvocationResult.Failed("the response is JSON null, not {Outputs, Logs, ReturnValue}")
                : LocalInvocationResult.Success;
        }
        catch (HttpRequestException exception)
        {
            return LocalInvocationResult.Failed($"transport failure: {exception.Message}");
        }
        catch (JsonException)
        {
            return LocalInvocationResult.Failed("the response is not {Outputs, Logs, ReturnValue} JSON");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return LocalInvocationResult.Failed("the invocation timed out");
        }
    }
}
