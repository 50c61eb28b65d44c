using System.Text.Json;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Errors in the provider's own JSON shape, so OpenAI and Anthropic SDKs and Cursor show the message
/// (ProblemDetails are for the other routes). Messages never contain a key, a prompt or a completion.
/// </summary>
internal static class ProviderError
{
    /// <summary>
    /// Answers <paramref name="problem"/> in the provider's shape, with <c>Retry-After</c> when it has one. Nothing is
    /// written once the response has started or the client has gone.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, ProviderDialect dialect, ProxyProblem problem)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (problem.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            await WriteAsync(context, dialect, problem.Status, problem.Type, problem.Code, problem.Message);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client left while the error was being written.
        }
    }

    public static async Task WriteAsync(HttpContext context, ProviderDialect dialect, int status, string type, string code, string message)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        if (dialect == ProviderDialect.OpenAI)
        {
            // https://platform.openai.com/docs/guides/error-codes: {"error":{"message","type","param","code"}}
            json.WriteStartObject("error");
            json.WriteString("message", message);
            json.WriteString("type", type);
            json.WriteNull("param");
            json.WriteString("code", code);
            json.WriteEndObject();
        }
        else
        {
            // https://docs.anthropic.com/en/api/errors: {"type":"error","error":{"type","message"}}
            json.WriteString("type", "error");
            json.WriteStartObject("error");
            json.WriteString("type", AnthropicType(status, type));
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static string AnthropicType(int status, string openAIType) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        >= 500 => "api_error",
        _ => openAIType == "invalid_request_error" ? "invalid_request_error" : openAIType,
    };
}
