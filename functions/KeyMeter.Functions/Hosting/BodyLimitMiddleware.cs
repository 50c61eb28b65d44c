using Microsoft.AspNetCore.Http.Features;

namespace KeyMeter.Functions.Hosting;

/// <summary>
/// Answers 413 ProblemDetails for a request whose endpoint carries a <see cref="BodyLimit"/>: before reading anything
/// (and before any other check) when <c>Content-Length</c> is over it, and when Kestrel stops a body that grows past it
/// while it is read. Endpoints without one (the proxy) are left alone.
/// </summary>
/// <remarks>
/// After a response Kestrel reads and discards what is left of the request body, up to the limit, to reuse the
/// connection; past the limit it closes the connection instead. A client must be told so in the response
/// (<c>Connection: close</c>), or it sends its next request into a closed connection. So the 413 comes first, and any
/// error answer to a chunked body (whose size nobody knows) closes the connection too.
/// </remarks>
internal sealed class BodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() is not { } limit)
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > limit.MaxBytes)
        {
            await TooLargeAsync(context, limit);
            return;
        }

        if (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode >= StatusCodes.Status400BadRequest)
                {
                    context.Response.Headers.Connection = "close";
                }

                return Task.CompletedTask;
            });
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLargeAsync(context, limit);
        }
    }

    private static Task TooLargeAsync(HttpContext context, BodyLimit limit)
    {
        // The rest of the body is never read, so the connection cannot carry another request.
        context.Response.Headers.Connection = "close";
        return Results.Problem(
            detail: $"This route accepts a request body of at most {limit.MaxBytes} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large").ExecuteAsync(context);
    }
}
